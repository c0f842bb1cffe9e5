// A Cost Explorer answer missing a metric we asked for (through the real SDK against test/fake-aws):
// the run fails naming the metric, the group and the day, and writes nothing, instead of storing 0.
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { sampleRows } from "../fake-aws/sample-data";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { FakeBilling, ownership } from "../support/sync-harness";

const TODAY = "2026-11-21";
let database: TestDatabase;
let billing: FakeBilling;
const lineCount = async () => (await queryRows<{ n: string }>(database.db, sql`select count(*)::text as n from cost_line_items`))[0]!.n;

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, ownership, { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: TODAY });
  billing = await FakeBilling.start(sampleRows({ start: "2026-11-01", days: 20 }), []);
});
afterAll(async () => {
  await billing?.fake.close();
  await database?.drop();
});

it("an answer without AmortizedCost fails the run naming the metric, group and day; nothing is written", async () => {
  billing.fake.injectFaults([{ kind: "missingMetric", metric: "AmortizedCost", target: "GetCostAndUsage", afterSuccesses: 1 }]);
  const run = await syncCosts(database, billing.source(TODAY), { restatementDays: 5, historyMonths: 1, retry: { retries: 0, baseDelayMs: 1 } });
  expect(run.status).toBe("failed");
  expect(run.error).toMatch(/Cost Explorer answered without the metric AmortizedCost for the group .+ on 2026-11-\d\d; nothing was written/);
  expect(await lineCount()).toBe("0");

  const next = await syncCosts(database, billing.source(TODAY), { restatementDays: 5, historyMonths: 1, retry: { retries: 0, baseDelayMs: 1 } });
  expect(next.status).toBe("succeeded");
  expect(Number(await lineCount())).toBeGreaterThan(0);
});
