// /api/users: who may sign in and with which role (admin only; users are added with the CLI).
import { Hono } from "hono";
import type { Db } from "../../db/client";
import { listUsers } from "../../db/queries/access-users";

export const userRoutes = (db: Db) => new Hono().get("/", async (c) => c.json({ users: await listUsers(db) }));
