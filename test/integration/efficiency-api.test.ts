// Efficiency metrics on the demo company through the real sync and the API, checked against an
// independent computation from the fixture CSVs and golden.json (test/support/efficiency-expectations.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { loadDemoBusinessInputs } from "../../jobs/business/demo-business";
import { createApp } from "../../api/app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { golden } from "../support/demo-expectations";
import * as expected from "../support/efficiency-expectations";
import { loadDemoBilling } from "../support/demo-billing";

const LAST_FULL_MONTH = "2026-10";
let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const get = async <T = any>(path: string): Promise<T> => {
  const response = await app.request(path);
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return (await response.json()) as T;
};

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoBilling(database);
  const loaded = await loadDemoBusinessInputs(database.db, "fixtures/demo");
  expect(loaded.map((l) => [l.kind, l.rows])).toEqual([["operations", 2912], ["headcount", 280], ["revenue", 13], ["vendors", 11], ["goals", 8]]);
  app = createApp(database, "demo");
}, 300_000);
afterAll(async () => database?.drop());

describe(`efficiency metrics of the demo company (last full month ${LAST_FULL_MONTH})`, () => {
  it(`unit cost: production cost per 10,000 searches = ${expected.expectedUnitCost("searches", LAST_FULL_MONTH)} (cost-lines.csv by environment / operations.csv)`, async () => {
    const body = await get("/api/metrics/efficiency");
    expect(body).toMatchObject({ lastCompleteBillingDay: "2026-11-20", lastFullMonth: LAST_FULL_MONTH, metric: "searches", n: 10_000 });
    const card = body.cards.unitCost;
    expect(card.value).toBe(expected.expectedUnitCost("searches", LAST_FULL_MONTH));
    expect(card.previous.value).toBe(expected.expectedUnitCost("searches", "2026-09"));
    expect(card.goal).toMatchObject({ targetValue: "170.00", unitN: 10_000 });
    expect(card.trend.map((p: { period: string; value: string }) => p.value)).toEqual(Object.keys(golden.months).filter((m) => m <= LAST_FULL_MONTH).map((m) => expected.expectedUnitCost("searches", m)));
  });

  it("unit cost of the open month counts cost and volume through the last complete day only", async () => {
    const body = await get("/api/metrics/efficiency");
    const open = body.unitCostMonthly.at(-1);
    expect(open).toMatchObject({ period: "2026-11", complete: false, volume: expected.operationsMonth("searches", "2026-11").toString() });
    const daily = body.unitCostDaily;
    expect(daily.at(-1).period).toBe("2026-11-20");
    expect(daily).toHaveLength(90);
    expect(daily.every((p: { value: string | null }) => p.value === null || /^-?\d+(\.\d+)?$/.test(p.value))).toBe(true);
  });

  it(`overhead per engineer = (development + data + non-production vendors) / engineers = ${expected.expectedOverheadPerEngineer(LAST_FULL_MONTH)}`, async () => {
    const body = await get("/api/metrics/efficiency");
    expect(body.cards.engineerOverhead).toMatchObject({ period: LAST_FULL_MONTH, value: expected.expectedOverheadPerEngineer(LAST_FULL_MONTH), goal: { targetValue: "950.00" } });
    expect(body.overheadMonthly.map((p: { perEngineer: string }) => p.perEngineer)).toEqual(Object.keys(golden.months).filter((m) => m <= LAST_FULL_MONTH).map((m) => expected.expectedOverheadPerEngineer(m)));
  });

  it("per-team drill-down: each team's cost is its golden total; unit cost over its own operations", async () => {
    const body = await get("/api/metrics/teams?environments=production,development,data,shared,unknown");
    expect(body.month).toBe(LAST_FULL_MONTH);
    for (const team of body.teams) expect(new Decimal(team.totalCost).toString(), team.teamId).toBe(new Decimal(golden.teams[team.teamId]![LAST_FULL_MONTH]!).toString());
    const search = body.teams.find((t: { teamId: string }) => t.teamId === "search");
    expect(search).toMatchObject({ metric: "searches", unitCost: expected.expectedTeamUnitCostAllEnvironments("search", "searches", LAST_FULL_MONTH), engineers: expected.engineersMonth(LAST_FULL_MONTH, "search") });
    const platform = body.teams.find((t: { teamId: string }) => t.teamId === "platform");
    expect(platform).toMatchObject({ metric: null, operations: "0", unitCost: null }); // no volume: absent, not Infinity
  });

  it("revenue vs cost: each month's cost is golden.json's amortized total, the share is cost / revenue.csv", async () => {
    const { revenue } = await get("/api/metrics/revenue");
    expect(revenue.months.map((m: { month: string }) => m.month)).toEqual(expected.revenue.map((r) => r.month));
    for (const m of revenue.months) {
      expect(new Decimal(m.infraCost).toString()).toBe(new Decimal(golden.months[m.month]!.amortized).toString());
      expect(m.share).toBe(expected.expectedShareOfRevenue(m.month));
    }
    expect(revenue.inflections.revenue).toEqual([]);
    expect(revenue.inflections.cost.map((i: { month: string; direction: string }) => [i.month, i.direction])).toEqual([["2026-05", "accelerating"], ["2026-08", "decelerating"]]);
  });

  it("environment split adds up to the month's total and carries each environment's goal and team", async () => {
    const body = await get("/api/metrics/environments");
    const rows = Object.fromEntries(body.rows.map((r: { environment: string }) => [r.environment, r]));
    for (const env of ["production", "development", "data", "shared"]) expect(new Decimal(rows[env].amount).toString(), env).toBe(expected.environmentMonth(env, LAST_FULL_MONTH).toString());
    const total = body.rows.reduce((s: Decimal, r: { amount: string }) => s.plus(r.amount), new Decimal(0));
    expect(total.toString()).toBe(new Decimal(golden.months[LAST_FULL_MONTH]!.amortized).toString());
    expect(rows.data).toMatchObject({ status: "over_target", goal: { teamId: "data-platform", targetValue: "70000.00" } });
    expect(rows.production).toMatchObject({ status: "on_target", goal: { teamId: "platform" } });
  });

  it("operating mode: growth, with every check's reasoning", async () => {
    const { diagnosis } = await get("/api/metrics/operating-mode");
    expect(diagnosis).toMatchObject({ month: LAST_FULL_MONTH, diagnosed: "growth" });
    const perEmployee = diagnosis.modes[0].checks.find((c: { key: string }) => c.key === "infra-per-employee");
    expect(perEmployee.figures.perEmployee).toBe(expected.expectedInfraPerEngineer(LAST_FULL_MONTH));
    for (const mode of diagnosis.modes) for (const check of mode.checks) expect(check.reasoning.length, check.key).toBeGreaterThan(20);
  });

  it("calculator: one engineer-week ($250k loaded) is worth it for $10,000/month saved", async () => {
    const body = await get("/api/metrics/calculator?effortEngineerWeeks=1&savingsPerMonth=10000");
    expect(body.result).toMatchObject({ engineerWeekCost: "4807.69", worthIt: true, breakEvenSavingsPerMonth: "2003.21" });
    expect(body.input.infraCostPerMonth).toBe(new Decimal(golden.months[LAST_FULL_MONTH]!.amortized).plus(expected.vendorMonthly(LAST_FULL_MONTH, { productionToo: true })).toString());
  });

  it.each(["unit-cost", "unit-cost-daily", "engineer-overhead", "teams", "revenue", "environments", "operating-mode"])("exports %s as CSV with a header row", async (table) => {
    const response = await app.request(`/api/metrics/export/${table}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
  });

  it("rejects a bad query naming the field", async () => {
    const response = await app.request("/api/metrics/efficiency?n=0");
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining('"n"') });
  });
});
