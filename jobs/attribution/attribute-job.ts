// Re-attributes a window on request or after an ownership change (a backfill), recorded as its own
// run. Attribution is deterministic, so a backfill equals attributing the range fresh.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { addDays } from "../../db/calendar";
import type { DayWindow } from "../sync/billing-window";
import { recordRun, type RunSummary } from "../sync/job-runs";
import { attributeAndReconcile } from "./attribute-and-reconcile";
import { vacuumAfterAttribution } from "./settle-read-models";

export async function attributeJob(database: Database, sourceName: string, window: DayWindow): Promise<RunSummary> {
  return recordRun(database.db, { job: "attribute", source: sourceName }, async (runId) => {
    const { stats, reconciliation } = await database.db.transaction((tx) => attributeAndReconcile(tx, window, runId));
    await vacuumAfterAttribution(database, stats.window);
    return { window: stats.window, rowsWritten: stats.directRows + stats.splitRows, details: { reconciliation, attribution: stats } };
  });
}

/** Re-attributes everything synced from `from` on; nothing when there is no data there yet. */
export async function backfillFrom(database: Database, sourceName: string, from: string): Promise<RunSummary | null> {
  const lastDay = await getLastCompleteBillingDay(database.db);
  const [first] = await queryRows<{ day: string | null }>(database.db, sql`select min(day)::text as day from cost_line_items`);
  if (!lastDay || !first?.day) return null;
  const start = from > first.day ? from : first.day;
  if (start > lastDay) return null;
  return attributeJob(database, sourceName, { start, end: addDays(lastDay, 1) });
}
