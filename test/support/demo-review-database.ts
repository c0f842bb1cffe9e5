// The demo company synced into a fresh test database with its business inputs, budgets and nudges:
// what the business review and cost estimate tests read.
import { loadDemoBusinessInputs } from "../../jobs/business/demo-business";
import { loadDemoBudgets } from "../../jobs/budgets/budget-changes";
import { generateNudges } from "../../jobs/nudges/generate-nudges";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { loadDemoBilling } from "./demo-billing";

export const DEMO_LAST_COMPLETE_DAY = "2026-11-20";

export async function createDemoReviewDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await loadDemoBilling(database);
  await loadDemoBusinessInputs(database.db, "fixtures/demo");
  await loadDemoBudgets(database.db, "fixtures/demo");
  await generateNudges(database.db, DEMO_LAST_COMPLETE_DAY);
  return database;
}
