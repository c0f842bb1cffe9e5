// The demo company's billing as the runtime loads it into a test database: the ownership file, the
// bundled CUR (the containers account's split cost allocation data, which supersedes Cost Explorer
// for the account-days it covers), then 13 months and the open month from Cost Explorer.
import { demoSource } from "../../jobs/sources/billing-source";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { importBundledExports } from "../../jobs/sync/import-bundled-exports";
import { syncCosts } from "../../jobs/sync/sync-costs";
import type { RunSummary } from "../../jobs/sync/job-runs";
import type { Database } from "../../db/client";

export const DEMO_DIR = "fixtures/demo";

export async function loadDemoBilling(database: Database): Promise<{ exports: RunSummary; costs: RunSummary }> {
  const source = demoSource(DEMO_DIR);
  await applyOwnership(database.db, readOwnershipFile(`${DEMO_DIR}/ownership.yaml`), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: source.today() });
  const exports = await importBundledExports(database, source);
  if (exports?.status !== "succeeded") throw new Error(`demo export import failed: ${exports?.error ?? "the demo has no export"}`);
  const costs = await syncCosts(database, source, { restatementDays: 5, historyMonths: 13, retry: { retries: 0, baseDelayMs: 0 } });
  if (costs.error) throw new Error(`demo sync failed: ${costs.error}`);
  return { exports, costs };
}
