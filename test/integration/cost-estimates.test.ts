// "What will it cost?" on the demo company after a real sync: each sample is the number the existing
// API shows for that comparable and month, the estimate is the median unit cost x the operations,
// and after launch the saved estimate is compared with the owning team's attributed cost.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import Decimal from "decimal.js";
import { createApp } from "../../api/app";
import type { TestDatabase } from "../support/test-database";
import { createDemoReviewDatabase } from "../support/demo-review-database";

// Each test builds whole documents: a second alone, far more when the shared machine is busy.
vi.setConfig({ testTimeout: 120_000 });

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const call = async (method: string, path: string, body?: unknown) => {
  const response = await app.request(path, { method, headers: { "content-type": "application/json", "x-actor": "spec-author" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
};
const ALL_ENVIRONMENTS = "production,development,data,shared,unknown";
const searchTeamIn = async (month: string) => (await call("GET", `/api/metrics/teams?month=${month}&environments=${ALL_ENVIRONMENTS}`)).body.teams.find((t: { teamId: string }) => t.teamId === "search");
const spec = { title: "Autocomplete service", operationsPerMonth: "5000000", operationName: "searches", comparables: [{ kind: "team", id: "search" }], months: 3 };

beforeAll(async () => {
  database = await createDemoReviewDatabase();
  app = createApp(database, "demo");
}, 300_000);
afterAll(async () => database?.drop());

describe("cost estimates for tech specs (demo company, last full month 2026-10)", () => {
  it("team comparable: each month's cost and operations are /api/metrics/teams'; the estimate is the median unit cost x 5M searches", async () => {
    const { status, body } = await call("POST", "/api/estimates/preview", spec);
    expect(status).toBe(200);
    const { estimate } = body;
    expect(estimate.basedOn).toEqual({ from: "2026-08-01", to: "2026-10-31" });
    expect(estimate.samples.map((s: { month: string }) => s.month)).toEqual(["2026-08", "2026-09", "2026-10"]);
    const units: Decimal[] = [];
    for (const sample of estimate.samples) {
      const team = await searchTeamIn(sample.month);
      expect(sample).toMatchObject({ comparable: `team search (${team.metric})`, cost: new Decimal(team.totalCost).toFixed(2), operations: team.operations });
      units.push(new Decimal(team.totalCost).times(10_000).div(team.operations));
    }
    units.sort((a, b) => a.comparedTo(b));
    expect(estimate.monthlyCost).toBe(units[1]!.toDecimalPlaces(6).times(500).toFixed(2));
    expect(estimate.low).toBe(units[0]!.toDecimalPlaces(6).times(500).toFixed(2));
    expect(estimate.high).toBe(units[2]!.toDecimalPlaces(6).times(500).toFixed(2));
    expect(estimate.markdown).toContain(`**Estimated monthly cost: $${new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(estimate.monthlyCost)}**`);
    expect(estimate.queries[0]).toContain("from attributed_costs where team_id = 'search'");
  });

  it("service comparable: the unit cost is /api/metrics/efficiency's for that service over the headline searches", async () => {
    const service = "Amazon DynamoDB";
    const { body } = await call("POST", "/api/estimates/preview", { ...spec, comparables: [{ kind: "service", id: service }] });
    const efficiency = (await call("GET", `/api/metrics/efficiency?services=${encodeURIComponent(service)}`)).body;
    for (const sample of body.estimate.samples) expect(sample.unitCost).toBe(efficiency.unitCostMonthly.find((p: { period: string }) => p.period === sample.month).value);
  });

  it("saved with its owning team and launch month, the list shows each month's gap to the team's attributed cost", async () => {
    const saved = await call("POST", "/api/estimates", { ...spec, teamId: "search", launchMonth: "2026-09" });
    expect(saved.status).toBe(201);
    const { estimates } = (await call("GET", "/api/estimates")).body;
    const listed = estimates.find((e: { id: number }) => e.id === saved.body.estimate.id);
    expect(listed).toMatchObject({ title: "Autocomplete service", teamId: "search", launchMonth: "2026-09", savedBy: "spec-author", comparison: { status: "compared" } });
    expect(listed.comparison.months.map((m: { month: string }) => m.month)).toEqual(["2026-09", "2026-10"]);
    for (const month of listed.comparison.months) {
      const actual = new Decimal((await searchTeamIn(month.month)).totalCost);
      expect(month.actual).toBe(actual.toFixed(2));
      expect(month.gap).toBe(actual.minus(listed.estimate.monthlyCost).toFixed(2));
    }
    const future = await call("POST", "/api/estimates", { ...spec, teamId: "search", launchMonth: "2027-03" });
    expect((await call("GET", "/api/estimates")).body.estimates.find((e: { id: number }) => e.id === future.body.estimate.id).comparison).toEqual({ status: "not-launched", months: [] });
  });

  it("bad input names the field", async () => {
    const unknown = await call("POST", "/api/estimates/preview", { ...spec, comparables: [{ kind: "team", id: "nobody" }] });
    expect(unknown).toMatchObject({ status: 400, body: { error: { message: 'json field comparables[0].id: no team "nobody"' } } });
    const ops = await call("POST", "/api/estimates/preview", { ...spec, operationsPerMonth: "lots" });
    expect(ops.status).toBe(400);
    expect(ops.body.error.message).toContain('json field "operationsPerMonth"');
  });
});
