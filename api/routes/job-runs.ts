import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../../db/client";
import { listJobRuns } from "../../db/queries/job-runs";
import { validate } from "../validate";

export const jobRunRoutes = (db: Db) =>
  new Hono().get("/", validate("query", z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) })), async (c) =>
    c.json(await listJobRuns(db, c.req.valid("query"))),
  );
