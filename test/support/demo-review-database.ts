// The demo company synced into a fresh test database with its business inputs, budgets and nudges:
// what the business review and cost estimate tests read.
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { demoSource } from "../../jobs/sources/billing-source";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { loadDemoBusinessInputs } from "../../jobs/business/demo-business";
import { loadDemoBudgets } from "../../jobs/budgets/budget-changes";
import { generateNudges } from "../../jobs/nudges/generate-nudges";
import { createTestDatabase, type TestDatabase } from "./test-database";

export const DEMO_LAST_COMPLETE_DAY = "2026-11-20";

export async function createDemoReviewDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await applyOwnership(database.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-11-21" });
  const run = await syncCosts(database, demoSource("fixtures/demo"), { restatementDays: 5, historyMonths: 13, retry: { retries: 0, baseDelayMs: 0 } });
  if (run.error) throw new Error(`demo sync failed: ${run.error}`);
  await loadDemoBusinessInputs(database.db, "fixtures/demo");
  await loadDemoBudgets(database.db, "fixtures/demo");
  await generateNudges(database.db, DEMO_LAST_COMPLETE_DAY);
  return database;
}
