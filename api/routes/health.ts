import { Hono } from "hono";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";

export const healthRoutes = (database: Database, sourceName: string) =>
  new Hono().get("/", async (c) => {
    await database.db.execute(sql`select 1`);
    return c.json({ status: "ok" as const, database: database.kind, source: sourceName });
  });
