// The demo company as the runtime seeds it, into a test database: ownership, its CUR and 13 months of costs,
// resources, commitments, business inputs, budgets and the nudges of its last billing day.
import { demoSource } from "../../jobs/sources/billing-source";
import { syncResources } from "../../jobs/sync/sync-resources";
import { syncCommitments } from "../../jobs/commitments/sync-commitments";
import { loadDemoBusinessInputs } from "../../jobs/business/demo-business";
import { loadDemoBudgets } from "../../jobs/budgets/budget-changes";
import { generateNudges } from "../../jobs/nudges/generate-nudges";
import type { Database } from "../../db/client";
import { loadDemoBilling } from "./demo-billing";

export async function seedDemoCompany(database: Database): Promise<void> {
  const source = demoSource("fixtures/demo");
  const retry = { retries: 0, baseDelayMs: 0 };
  await loadDemoBilling(database);
  for (const run of [
    await syncResources(database, source, retry),
    await syncCommitments(database, source, retry),
  ]) {
    if (run.error) throw new Error(`demo seed failed: ${run.error}`);
  }
  await loadDemoBusinessInputs(database.db, "fixtures/demo");
  await loadDemoBudgets(database.db, "fixtures/demo");
  await generateNudges(database.db, source.today());
}
