// How far the data goes: the last complete billing day, so charts never show a half-billed day.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { syncWatermarks, COST_EXPLORER_SOURCE } from "../schema";
import { addDays } from "../calendar";

/** The day before the watermark: the newest day a committed sync holds. Null before the first sync. */
export async function getLastCompleteBillingDay(db: DbOrTx): Promise<string | null> {
  const [row] = await db.select().from(syncWatermarks).where(eq(syncWatermarks.source, COST_EXPLORER_SOURCE));
  return row ? addDays(row.syncedThrough, -1) : null;
}
