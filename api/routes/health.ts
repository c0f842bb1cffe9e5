import { Hono } from "hono";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { answers } from "../answers";
import { healthAnswer } from "../responses/data";

export const healthRoutes = (database: Database, sourceName: string) =>
  new Hono().get("/", answers(healthAnswer, { summary: "Liveness: the database answers" }), async (c) => {
    await database.db.execute(sql`select 1`);
    return c.var.answer({ status: "ok" as const, database: database.kind, source: sourceName });
  });
