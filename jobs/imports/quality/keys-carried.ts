// Which of the months' registered tag keys an import's new lines really carry. Rather than testing
// every line for every key (a bool_or per key), each round looks for one line carrying a key not yet
// found and stops there, so a common key costs an early hit. Only a last round, which shows the
// remaining keys absent, reads every line, and it tests each line once against all of them.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../../db/client";
import { sqlArray } from "../../../db/queries/anomaly-series";
import type { DayWindow } from "../../sync/billing-window";
import { newLines } from "./new-lines";

export async function keysCarried(tx: DbOrTx, candidates: string[], batchIds: number[], window: DayWindow): Promise<Set<string>> {
  const found = new Set<string>();
  if (batchIds.length === 0) return found;
  const lines = newLines(window, batchIds);
  let remaining = candidates;
  while (remaining.length > 0) {
    const keys = sqlArray(remaining);
    const [line] = await queryRows<{ keys: string[] }>(
      tx,
      sql`select array(select key from unnest(${keys}) key where jsonb_exists(li.tags, key)) as keys
          from cost_line_items li
          where ${lines} and jsonb_exists_any(li.tags, ${keys})
          limit 1`,
    );
    if (!line) break;
    for (const key of line.keys) found.add(key);
    remaining = remaining.filter((key) => !found.has(key));
  }
  return found;
}
