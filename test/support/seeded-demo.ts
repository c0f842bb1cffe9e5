// The demo company as the runtime seeds it, into a test database: ownership, 13 months of costs,
// resources, commitments, business inputs, budgets and the nudges of its last billing day.
import { demoSource } from "../../jobs/sources/billing-source";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { syncResources } from "../../jobs/sync/sync-resources";
import { syncCommitments } from "../../jobs/commitments/sync-commitments";
import { loadDemoBusinessInputs } from "../../jobs/business/demo-business";
import { loadDemoBudgets } from "../../jobs/budgets/budget-changes";
import { generateNudges } from "../../jobs/nudges/generate-nudges";
import type { Database } from "../../db/client";

export async function seedDemoCompany(database: Database): Promise<void> {
  const source = demoSource("fixtures/demo");
  const retry = { retries: 0, baseDelayMs: 0 };
  await applyOwnership(database.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: source.today() });
  for (const run of [
    await syncCosts(database, source, { restatementDays: 5, historyMonths: 13, retry }),
    await syncResources(database, source, retry),
    await syncCommitments(database, source, retry),
  ]) {
    if (run.error) throw new Error(`demo seed failed: ${run.error}`);
  }
  await loadDemoBusinessInputs(database.db, "fixtures/demo");
  await loadDemoBudgets(database.db, "fixtures/demo");
  await generateNudges(database.db, source.today());
}
