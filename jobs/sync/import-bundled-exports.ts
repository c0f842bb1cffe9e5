// The demo company's own export (fixtures/demo/cur: the lumen-containers account's legacy CUR with
// split cost allocation data), imported like any export location before the demo's Cost Explorer
// sync. An export supersedes Cost Explorer for the account-days it covers, so the demo attributes
// its clusters through their pods exactly as a company with both sources would. A rerun whose
// files are unchanged writes nothing.
import type { Database } from "../../db/client";
import { importFromLocation } from "../imports/import-location";
import type { BillingSource } from "../sources/billing-source";
import type { RunSummary } from "./job-runs";

export async function importBundledExports(database: Database, source: Pick<BillingSource, "bundledExports">): Promise<RunSummary | undefined> {
  if (!source.bundledExports) return undefined;
  const { run } = await importFromLocation(database, source.bundledExports);
  return run;
}
