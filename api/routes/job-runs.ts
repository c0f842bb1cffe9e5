import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../../db/client";
import { listJobRuns } from "../../db/queries/job-runs";
import { validate } from "../validate";
import { answers } from "../answers";
import { jobRunsAnswer } from "../responses/data";

export const jobRunRoutes = (db: Db) =>
  new Hono().get("/", validate("query", z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) })), answers(jobRunsAnswer, { summary: "Recent job runs (syncs, imports, attribution) and the billing status" }), async (c) =>
    c.var.answer(await listJobRuns(db, c.req.valid("query"))),
  );
