// Attribution and its check, always together: a window whose attributed totals do not equal the
// bill to the last unit is rolled back with the transaction rather than shown.
import type { DbOrTx } from "../../db/client";
import type { DayWindow } from "../sync/billing-window";
import { attributeWindow, type AttributionStats } from "./attribute-window";
import type { FreshBatches } from "./fresh-lines";
import { rebuildRollups } from "./rebuild-rollups";
import { reconcileWindow, type Reconciliation } from "./reconcile";
import { checkControlTotals } from "./control-check";
import { bumpReadModelVersion } from "../../db/read-model-version";
import { analyzeReadModels } from "./settle-read-models";

export class ReconciliationError extends Error {
  override name = "ReconciliationError";
  constructor(readonly reconciliation: Reconciliation) {
    const first = reconciliation.mismatches[0]!;
    super(`attributed ≠ billed on ${reconciliation.mismatches.length} day/measure pairs, first ${first.day} ${first.measure}: billed ${first.billed}, attributed ${first.attributed}`);
  }
}

/** `fresh`: an import's new batches, totalled on the way for its quality report (fresh-lines.ts). */
export async function attributeAndReconcile(tx: DbOrTx, window: DayWindow, runId: number, fresh?: FreshBatches): Promise<{ stats: AttributionStats; reconciliation: Reconciliation }> {
  const stats = await attributeWindow(tx, window, runId, fresh);
  const reconciliation = await reconcileWindow(tx, stats.window);
  if (reconciliation.mismatches.length > 0) throw new ReconciliationError(reconciliation);
  // A control mismatch is reported, not rolled back: the source's own figures may be restated later.
  const control = await checkControlTotals(tx, stats.window);
  // Every writer (sync, import, backfill, ownership change) attributes through here: rollups follow.
  await rebuildRollups(tx, stats.window);
  await analyzeReadModels(tx); // the first reads after the commit plan on the new rows (settle-read-models.ts)
  await bumpReadModelVersion(tx); // the API's cached reads of these days are stale from the commit on
  return { stats, reconciliation: { ...reconciliation, control } };
}
