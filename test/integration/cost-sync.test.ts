// The cost sync through the real SDK against the fake AWS endpoint, on PGlite (npm test) and on
// PostgreSQL (npm run test:pg): exact reconciliation, reruns, restatements, throttling, failures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { sql, eq } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { jobRuns, syncWatermarks } from "../../db/schema";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts, type CostSyncOptions } from "../../jobs/sync/sync-costs";
import { sampleRows } from "../fake-aws/sample-data";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { FakeBilling, ownership, withOwnerTagSpellings, expectedTeam, sumBy } from "../support/sync-harness";

const TODAY = "2026-11-21";
const rows = withOwnerTagSpellings(sampleRows({ start: "2025-10-01", days: 416 })); // through 2026-11-20
const options: CostSyncOptions = { restatementDays: 5, historyMonths: 13, retry: { retries: 3, baseDelayMs: 1 } };

let database: TestDatabase;
let billing: FakeBilling;

async function attributedBy(key: "day" | "team_id" | "day || ':' || team_id", measure = "unblended_cost") {
  const result = await queryRows<{ key: string; amount: string }>(
    database.db,
    sql`select ${sql.raw(key)}::text as key, sum(${sql.raw(measure)})::text as amount from attributed_costs group by 1 having sum(${sql.raw(measure)}) <> 0 order by 1`,
  );
  return Object.fromEntries(result.map((r) => [r.key, new Decimal(r.amount).toString()]));
}

async function billedByDay() {
  const result = await queryRows<{ key: string; amount: string }>(
    database.db,
    sql`select day::text as key, sum(unblended_cost)::text as amount from cost_line_items group by 1 having sum(unblended_cost) <> 0 order by 1`,
  );
  return Object.fromEntries(result.map((r) => [r.key, new Decimal(r.amount).toString()]));
}

async function watermark() {
  const [row] = await database.db.select().from(syncWatermarks);
  return row?.syncedThrough ?? null;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, ownership, { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: TODAY });
  billing = await FakeBilling.start(rows, []);
});

afterAll(async () => {
  await billing?.fake.close();
  await database?.drop();
});

describe("cost sync (sample data: 416 days, 3 accounts, owner tag spelled team/Team/owner)", () => {
  it("first sync: every day's attributed total equals its billed total exactly, and both equal the source", async () => {
    const run = await syncCosts(database, billing.source(TODAY), options);
    expect(run.error).toBeUndefined();
    expect(run.window).toEqual({ start: "2025-10-01", end: TODAY });

    const expectedByDay = sumBy(rows, (r) => r.day);
    expect(Object.keys(expectedByDay)).toHaveLength(416);
    expect(await billedByDay()).toEqual(expectedByDay);
    expect(await attributedBy("day")).toEqual(expectedByDay);
    for (const measure of ["amortized", "netAmortized"] as const) {
      const column = measure === "amortized" ? "amortized_cost" : "net_amortized_cost";
      expect(await attributedBy("day", column)).toEqual(sumBy(rows, (r) => r.day, measure));
    }
    expect(run.details?.reconciliation).toMatchObject({ daysChecked: 416, mismatches: [] });
  });

  it("puts each dollar on the team the owner tag, its aliases or the account owner name", async () => {
    expect(await attributedBy("day || ':' || team_id")).toEqual(sumBy(rows, (r) => `${r.day}:${expectedTeam(r)}`));
    const teams = Object.keys(await attributedBy("team_id"));
    expect(teams).toEqual(["payments", "platform", "search", "unattributed"]);
  });

  it("counts billable requests and advances the watermark", async () => {
    const [run] = await database.db.select().from(jobRuns).where(eq(jobRuns.job, "sync-costs"));
    const answered = billing.fake.requests.filter((r) => r.status === 200).length;
    expect(run!.apiRequests).toBe(answered);
    expect(answered).toBeGreaterThan(1 + 3 * 4); // paged: more than one page per planned query
    expect(await watermark()).toBe(TODAY);
  });

  it("a rerun over an overlapping window leaves the same totals (no double counting)", async () => {
    const before = { billed: await billedByDay(), attributed: await attributedBy("day || ':' || team_id") };
    const run = await syncCosts(database, billing.source(TODAY), options);
    expect(run.status).toBe("succeeded");
    expect(run.window).toEqual({ start: "2026-11-01", end: TODAY });
    expect(await billedByDay()).toEqual(before.billed);
    expect(await attributedBy("day || ':' || team_id")).toEqual(before.attributed);
  });

  it("a restated day replaces the old one; days outside the window stay", async () => {
    const restatedDay = "2026-11-19";
    billing.rows = rows.map((r) => (r.day === restatedDay ? { ...r, unblended: new Decimal(r.unblended).times(2).toString() } : r));
    const run = await syncCosts(database, billing.source(TODAY), options);
    expect(run.status).toBe("succeeded");
    const billed = await billedByDay();
    expect(billed[restatedDay]).toBe(new Decimal(sumBy(rows, (r) => r.day)[restatedDay]!).times(2).toString());
    expect(billed).toEqual(sumBy(billing.rows, (r) => r.day));
    expect(await attributedBy("day")).toEqual(billed);
  });

  it("throttling past the SDK's retries delays the sync but loses nothing", async () => {
    billing.fake.requests.length = 0;
    billing.fake.injectFaults([{ kind: "throttle", times: 5, target: "GetCostAndUsage", afterSuccesses: 3 }]);
    const run = await syncCosts(database, billing.source(TODAY, { maxAttempts: 2 }), { ...options, window: { start: "2026-10-01", end: TODAY } });
    expect(run.error).toBeUndefined();
    expect(billing.fake.requests.filter((r) => r.errorCode === "LimitExceededException")).toHaveLength(5);
    expect(run.apiAttempts).toBe(run.apiRequests! + 5);
    expect(await billedByDay()).toEqual(sumBy(billing.rows, (r) => r.day));
  });

  it("a failure mid-sync rolls back, leaves the watermark, and the next run completes", async () => {
    const before = { billed: await billedByDay(), attributed: await attributedBy("day || ':' || team_id"), watermark: await watermark() };
    billing.rows = rows.map((r) => (r.day >= "2026-11-15" ? { ...r, unblended: new Decimal(r.unblended).plus("0.01").toString() } : r));

    // The API dies part-way through the pages: nothing was written yet, nothing changes.
    billing.fake.injectFaults([{ kind: "serverError", times: 50, target: "GetCostAndUsage", afterSuccesses: 4 }]);
    const failed = await syncCosts(database, billing.source("2026-11-22"), options);
    billing.fake.clearFaults();
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/InternalServerError/);

    // The database fails part-way through the writes: the transaction rolls back whole.
    await database.db.execute(sql`create function fail_poison() returns trigger language plpgsql as $$
      begin if new.service = 'Poison' then raise exception 'disk full (simulated)'; end if; return new; end $$`);
    await database.db.execute(sql`create trigger poison before insert on cost_line_items for each row execute function fail_poison()`);
    billing.rows = [...billing.rows, { ...rows.at(-1)!, service: "Poison" }];
    const rolledBack = await syncCosts(database, billing.source("2026-11-22"), options);
    expect(rolledBack.status).toBe("failed");
    expect(rolledBack.error).toMatch(/disk full/);

    expect(await billedByDay()).toEqual(before.billed);
    expect(await attributedBy("day || ':' || team_id")).toEqual(before.attributed);
    expect(await watermark()).toBe(before.watermark);
    const failedRuns = await database.db.select().from(jobRuns).where(eq(jobRuns.status, "failed"));
    expect(failedRuns).toHaveLength(2);

    billing.rows = billing.rows.filter((r) => r.service !== "Poison");
    const next = await syncCosts(database, billing.source("2026-11-22"), options);
    expect(next.status).toBe("succeeded");
    expect(await billedByDay()).toEqual(sumBy(billing.rows, (r) => r.day));
    expect(await attributedBy("day")).toEqual(await billedByDay());
    expect(await watermark()).toBe("2026-11-22");
  });
});
