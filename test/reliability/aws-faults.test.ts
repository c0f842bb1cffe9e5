// Faults on the AWS side, through the real SDK against the fake endpoint: throttling storms, 500s,
// slow answers, connections dropped before and in the middle of an answer, and an outage that
// outlasts every retry. After each, the database holds exactly the source's bill: nothing lost,
// nothing counted twice, the failed run is recorded with its error and the next run completes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { desc, sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { jobRuns } from "../../db/schema";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts, type CostSyncOptions } from "../../jobs/sync/sync-costs";
import { sampleRows } from "../fake-aws/sample-data";
import type { Fault } from "../fake-aws/faults";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { FakeBilling, ownership, sumBy } from "../support/sync-harness";
import { figureRecorder } from "./figures";

const TODAY = "2026-11-21";
const WINDOW = { start: "2026-09-01", end: TODAY };
const rows = sampleRows({ start: "2026-09-01", days: 81 });
const options: CostSyncOptions = { restatementDays: 5, historyMonths: 13, retry: { retries: 4, baseDelayMs: 5 }, window: WINDOW };
const figures = figureRecorder("aws-faults");

let database: TestDatabase;
let billing: FakeBilling;
/** Line items after a clean first sync: every later run must leave exactly as many. */
let baselineLines = 0;

async function stored() {
  const billed = await queryRows<{ key: string; amount: string; n: number }>(database.db, sql`select day::text as key, sum(unblended_cost)::text as amount, count(*)::int as n from cost_line_items group by 1 order by 1`);
  const attributed = await queryRows<{ key: string; amount: string }>(database.db, sql`select day::text as key, sum(unblended_cost)::text as amount from attributed_costs group by 1 order by 1`);
  const asMap = (list: { key: string; amount: string }[]) => Object.fromEntries(list.filter((r) => !new Decimal(r.amount).isZero()).map((r) => [r.key, new Decimal(r.amount).toString()]));
  return { billed: asMap(billed), attributed: asMap(attributed), lines: billed.reduce((n, r) => n + r.n, 0) };
}

const expected = () => sumBy(rows, (r) => r.day);

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, ownership, { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: TODAY });
  billing = await FakeBilling.start(rows, []);
  const first = await syncCosts(database, billing.source(TODAY), options);
  expect(first.status).toBe("succeeded");
  baselineLines = (await stored()).lines;
}, 120_000);
afterAll(async () => {
  figures.save();
  await billing?.fake.close();
  await database?.drop();
});

describe("AWS faults during a sync (81 days, sample bill)", () => {
  const scenarios: { name: string; faults: Fault[]; sdkAttempts: number }[] = [
    { name: "throttling storm", faults: [{ kind: "throttle", times: 12, target: "GetCostAndUsage", afterSuccesses: 2 }], sdkAttempts: 3 },
    { name: "500s", faults: [{ kind: "serverError", times: 8, target: "GetCostAndUsage", afterSuccesses: 1 }], sdkAttempts: 3 },
    { name: "slow answers (1.5 s each)", faults: [{ kind: "delay", delayMs: 1500, times: 3, target: "GetCostAndUsage" }], sdkAttempts: 3 },
    { name: "connection dropped before the answer", faults: [{ kind: "drop", times: 4, target: "GetCostAndUsage", afterSuccesses: 3 }], sdkAttempts: 3 },
    { name: "connection dropped mid-page (half a body)", faults: [{ kind: "truncate", times: 4, target: "GetCostAndUsage", afterSuccesses: 2 }], sdkAttempts: 3 },
  ];

  it.each(scenarios)("$name: the sync completes and the bill is exact, with no line counted twice", async ({ name, faults, sdkAttempts }) => {
    billing.fake.clearFaults();
    billing.fake.requests.length = 0;
    billing.fake.injectFaults(faults);
    const started = Date.now();
    const run = await syncCosts(database, billing.source(TODAY, { maxAttempts: sdkAttempts }), options);
    const after = await stored();
    const injected = billing.fake.requests.filter((r) => r.fault !== undefined).length;
    figures.add({ scenario: name, injected: `${injected} faulted requests of ${billing.fake.requests.length}`, outcome: `${run.status} (${run.apiAttempts} attempts for ${run.apiRequests} requests) in ${((Date.now() - started) / 1000).toFixed(1)} s, ${after.lines} lines, bill exact: ${JSON.stringify(after.billed) === JSON.stringify(expected())}`, passed: run.status === "succeeded" });
    expect(injected).toBeGreaterThan(0);
    expect(run.status, run.error).toBe("succeeded");
    expect(after.billed).toEqual(expected());
    expect(after.attributed).toEqual(after.billed);
    expect(after.lines).toBe(baselineLines);
  });

  it("an outage past every retry: the run fails and says why, nothing changes, the next run completes", async () => {
    const before = await stored();
    billing.fake.clearFaults();
    billing.fake.injectFaults([{ kind: "serverError", times: 10_000, target: "GetCostAndUsage", afterSuccesses: 5 }]);
    const failed = await syncCosts(database, billing.source(TODAY, { maxAttempts: 2 }), { ...options, retry: { retries: 1, baseDelayMs: 1 } });
    billing.fake.clearFaults();
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/InternalServerError/);
    const [recorded] = await database.db.select().from(jobRuns).orderBy(desc(jobRuns.id)).limit(1);
    expect(recorded).toMatchObject({ status: "failed", error: failed.error });
    expect(await stored()).toEqual(before);
    const next = await syncCosts(database, billing.source(TODAY), options);
    expect(next.status).toBe("succeeded");
    expect((await stored()).billed).toEqual(expected());
    figures.add({ scenario: "outage past all retries", injected: "500 on every GetCostAndUsage after page 5", outcome: `failed run ${failed.runId} recorded ("${failed.error?.slice(0, 60)}"), data unchanged; next run ${next.status}`, passed: true });
  });
});
