// Re-attributes a window on request (after an ownership change), recorded as its own run.
import type { Database } from "../../db/client";
import type { DayWindow } from "../sync/billing-window";
import { recordRun, type RunSummary } from "../sync/job-runs";
import { attributeWindow } from "./attribute-window";
import { reconcileWindow } from "./reconcile";

export async function attributeJob(database: Database, sourceName: string, window: DayWindow): Promise<RunSummary> {
  return recordRun(database.db, { job: "attribute", source: sourceName }, async (runId) => {
    const reconciliation = await database.db.transaction(async (tx) => {
      await attributeWindow(tx, window, runId);
      const result = await reconcileWindow(tx, window);
      if (result.mismatches.length > 0) throw new Error(`reconciliation failed on ${result.mismatches.length} day/measure pairs`);
      return result;
    });
    return { window, details: { reconciliation } };
  });
}
