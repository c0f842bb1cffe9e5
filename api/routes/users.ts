// /api/users: who may sign in and with which role (admin only; users are added with the CLI).
import { Hono } from "hono";
import type { Db } from "../../db/client";
import { listUsers } from "../../db/queries/access-users";
import { answers } from "../answers";
import { userListAnswer } from "../responses/access";

export const userRoutes = (db: Db) => new Hono().get("/", answers(userListAnswer, { summary: "Users who may sign in, with their roles" }), async (c) => c.var.answer({ users: await listUsers(db) }));
