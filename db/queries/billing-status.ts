// How far the data goes: the last complete billing day, so charts never show a half-billed day.
import { eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { syncWatermarks, COST_EXPLORER_SOURCE } from "../schema";
import { addDays } from "../calendar";

/** The day before the watermark: the newest day a committed sync holds. Null before the first sync. */
export async function getLastCompleteBillingDay(db: DbOrTx): Promise<string | null> {
  const [row] = await db.select().from(syncWatermarks).where(eq(syncWatermarks.source, COST_EXPLORER_SOURCE));
  return row ? addDays(row.syncedThrough, -1) : null;
}

/** The first month any cost was attributed to (YYYY-MM), or null when nothing has been. */
export async function getFirstBilledMonth(db: DbOrTx): Promise<string | null> {
  const [row] = await queryRows<{ month: string | null }>(db, sql`select to_char(min(month), 'YYYY-MM') as month from cost_rollup_monthly`);
  return row?.month ?? null;
}
