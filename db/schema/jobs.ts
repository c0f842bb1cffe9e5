// What the scheduled jobs did, and how far each source has been synced.
import { pgTable, text, date, integer, smallint, bigserial, timestamp, jsonb, pgEnum, index } from "drizzle-orm/pg-core";

export const jobStatus = pgEnum("job_status", ["running", "succeeded", "failed"]);

export const jobRuns = pgTable(
  "job_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    job: text("job").notNull(), // "sync-costs", "sync-resources", "attribute"
    source: text("source").notNull(), // "aws" or "demo"
    status: jobStatus("status").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    windowStart: date("window_start"),
    windowEnd: date("window_end"), // exclusive
    rowsWritten: integer("rows_written").notNull().default(0),
    apiRequests: integer("api_requests").notNull().default(0), // billable requests (successful pages)
    apiAttempts: integer("api_attempts").notNull().default(0), // including retries
    error: text("error"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("job_runs_job_started_idx").on(t.job, t.startedAt)],
);

/** The last day (exclusive) a source has committed; it only moves when a sync commits. */
export const syncWatermarks = pgTable("sync_watermarks", {
  source: text("source").primaryKey(),
  syncedThrough: date("synced_through").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Whose data the database holds, claimed by the first runtime that opens it: "demo" or "company". */
export const dataOrigin = pgTable("data_origin", {
  id: smallint("id").primaryKey().default(1),
  kind: text("kind").$type<"demo" | "company">().notNull(),
  claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull().defaultNow(),
});
