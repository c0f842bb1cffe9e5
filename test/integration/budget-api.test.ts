// Budgets and the monthly review on the demo company through the real sync and the API, against an
// independent computation from fixtures/demo/golden.json (team spend) and budgets.csv.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { importBudgetCsv, loadDemoBudgets } from "../../jobs/budgets/budget-changes";
import { createApp } from "../../api/app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { golden } from "../support/demo-expectations";
import { loadDemoBilling } from "../support/demo-billing";

const PAST_MONTH = "2026-10";
const csvText = readFileSync("fixtures/demo/budgets.csv", "utf8");
const budgetsCsv = parse(csvText, { columns: true }) as { month: string; team: string; budget_usd: string }[];
const budgetOf = (team: string, month: string) => budgetsCsv.find((r) => r.team === team && r.month === month)!.budget_usd;
/** The review row a team must show for a closed month: golden spend vs the CSV budget, 2% rule. */
function expectedRow(team: string, month: string) {
  const actual = new Decimal(golden.teams[team]![month]!).toDecimalPlaces(2, Decimal.ROUND_HALF_UP); // the API reports cents
  const budget = new Decimal(budgetOf(team, month));
  const variance = actual.minus(budget);
  return {
    actualToDate: actual.toFixed(2),
    forecast: actual.toFixed(2),
    budgetUsd: budget.toFixed(2),
    varianceUsd: variance.toFixed(2),
    varianceRatio: budget.isZero() ? null : variance.div(budget).toDecimalPlaces(6).toString(),
    needsApproval: budget.isZero() ? variance.gt(0) : variance.gt(budget.times("0.02")),
  };
}

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const call = async <T = any>(method: string, path: string, body?: unknown, actor = "test-runner"): Promise<{ status: number; body: T }> => {
  const response = await app.request(path, { method, headers: { "content-type": "application/json", "x-actor": actor }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
};
const get = async <T = any>(path: string) => {
  const { status, body } = await call<T>("GET", path);
  expect(status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body;
};

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoBilling(database);
  app = createApp(database, "demo");
}, 300_000);
afterAll(async () => database?.drop());

describe("budget import (budgets.csv: 280 team-months)", () => {
  it("the demo loads budgets.csv into an empty table once; re-importing the same file changes nothing", async () => {
    expect(await loadDemoBudgets(database.db, "fixtures/demo")).toMatchObject({ rows: 280, inserted: 280, updated: 0 });
    expect(await loadDemoBudgets(database.db, "fixtures/demo")).toBeNull();
    const auditBefore = (await get("/api/budgets/audit?limit=1000")).entries.length;
    expect(await importBudgetCsv(database.db, "budgets.csv", csvText, "test")).toMatchObject({ rows: 280, inserted: 0, updated: 0, unchanged: 280 });
    expect((await get("/api/budgets/audit?limit=1000")).entries.length).toBe(auditBefore);
  });

  it("a bad row names file, line and column and writes nothing (not even the good rows before it)", async () => {
    const bad = "month,team,budget_usd\n2026-10,checkout,99999.00\n2026-10,billing,12,5\n";
    const tooMany = await call("POST", "/api/budgets/csv?fileName=bad.csv", bad);
    expect(tooMany.status).toBe(400);
    const badAmount = await call("POST", "/api/budgets/csv?fileName=bad.csv", "month,team,budget_usd\n2026-10,checkout,99999.00\n2026-10,billing,-5\n");
    expect(badAmount).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST", message: expect.stringContaining("bad.csv, line 3, column budget_usd") } } });
    const badTeam = await call("POST", "/api/budgets/csv?fileName=bad.csv", "month,team,budget_usd\n2026-10,checkout,99999.00\n2026-10,payments,5\n");
    expect(badTeam.body.error.message).toContain("bad.csv, line 3, column team");
    const badMonth = await call("POST", "/api/budgets/csv?fileName=bad.csv", "month,team,budget_usd\n2026-13,checkout,1\n");
    expect(badMonth.body.error.message).toContain("bad.csv, line 2, column month");
    expect((await get(`/api/budgets/months/${PAST_MONTH}/teams/checkout`)).budget.budgetUsd).toBe(budgetOf("checkout", PAST_MONTH));
  });

  it(`group and org budgets roll up through the ${PAST_MONTH} org tree (Payments = checkout + billing + fraud)`, async () => {
    const { units, budgets } = await get(`/api/budgets/months/${PAST_MONTH}`);
    expect(budgets).toHaveLength(20);
    const payments = units.find((u: { name: string }) => u.name === "Payments");
    expect(payments).toMatchObject({ kind: "group", teams: 3, budgetUsd: ["checkout", "billing", "fraud"].reduce((s, t) => s.plus(budgetOf(t, PAST_MONTH)), new Decimal(0)).toFixed(2) });
    const orgTotal = units.filter((u: { kind: string }) => u.kind === "org").reduce((s: Decimal, u: { budgetUsd: string }) => s.plus(u.budgetUsd), new Decimal(0));
    expect(orgTotal.toFixed(2)).toBe(budgetsCsv.filter((r) => r.month === PAST_MONTH).reduce((s, r) => s.plus(r.budget_usd), new Decimal(0)).toFixed(2));
  });
});

describe(`budget review of a closed month (${PAST_MONTH}) equals golden.json vs budgets.csv`, () => {
  it("every team: actual = forecast = golden amortized, variance $ and % vs the CSV budget, the 2% rule", async () => {
    const review = await get(`/api/budgets/review?month=${PAST_MONTH}`);
    expect(review).toMatchObject({ month: PAST_MONTH, measure: "amortized", threshold: "0.02", complete: true, lastCompleteBillingDay: "2026-11-20" });
    expect(review.teams).toHaveLength(20);
    for (const row of review.teams) expect(row, row.teamId).toMatchObject(expectedRow(row.teamId, PAST_MONTH));
    const ratios = review.teams.filter((r: { varianceRatio: string | null }) => r.varianceRatio !== null).map((r: { varianceRatio: string }) => new Decimal(r.varianceRatio).toNumber());
    expect(ratios).toEqual([...ratios].sort((a, b) => b - a));
  });

  it("a stricter or looser threshold moves teams in and out of the approval list", async () => {
    const flagged = async (threshold: string) => (await get(`/api/budgets/review?month=${PAST_MONTH}&threshold=${threshold}`)).teams.filter((r: { needsApproval: boolean }) => r.needsApproval).length;
    expect(await flagged("0")).toBeGreaterThanOrEqual(await flagged("0.02"));
    expect(await flagged("1")).toBe(0);
    expect((await call("GET", "/api/budgets/review?threshold=2")).status).toBe(400);
  });
});

describe("the open month (2026-11, billed through 2026-11-20)", () => {
  it("actual to date counts complete days only and equals golden; the forecast has a range around it", async () => {
    const review = await get("/api/budgets/review");
    expect(review).toMatchObject({ month: "2026-11", daysElapsed: 20, daysInMonth: 30, complete: false });
    const search = review.teams.find((r: { teamId: string }) => r.teamId === "search");
    expect(search.actualToDate).toBe(new Decimal(golden.teams.search!["2026-11"]!).toFixed(2));
    expect(new Decimal(search.low).lte(search.forecast) && new Decimal(search.forecast).lte(search.high)).toBe(true);
    expect(new Decimal(search.forecast).gt(search.actualToDate)).toBe(true);
  });

  it("movers: services month-to-date vs the first 20 days of October add up to the team's month to date", async () => {
    const movers = await get("/api/budgets/movers?month=2026-11&teamId=search");
    expect(movers.current).toEqual({ from: "2026-11-01", to: "2026-11-20" });
    expect(movers.previous).toEqual({ from: "2026-10-01", to: "2026-10-20" });
    expect(movers.days).toHaveLength(20);
    const fromServices = movers.services.reduce((s: Decimal, x: { current: string }) => s.plus(x.current), new Decimal(0));
    // Each service is reported in cents, so the sum may differ from the team's total by rounding only.
    expect(fromServices.minus(golden.teams.search!["2026-11"]!).abs().lte(new Decimal("0.005").times(movers.services.length))).toBe(true);
  });
});

describe("edits and approvals, audited", () => {
  it("PUT a budget: the new amount is served and the audit row names who, when, before and after", async () => {
    const put = await call("PUT", `/api/budgets/months/${PAST_MONTH}/teams/billing`, { budgetUsd: "6000.00" }, "ana@lumen");
    expect(put).toMatchObject({ status: 200, body: { changed: true, budget: { budgetUsd: "6000.00", updatedBy: "ana@lumen" } } });
    const [entry] = (await get(`/api/budgets/audit?month=${PAST_MONTH}&teamId=billing`)).entries;
    expect(entry).toMatchObject({ actor: "ana@lumen", action: "budget.update", before: { budgetUsd: budgetOf("billing", PAST_MONTH) }, after: { budgetUsd: "6000.00" } });
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    expect((await call("PUT", `/api/budgets/months/${PAST_MONTH}/teams/payments`, { budgetUsd: "1" })).status).toBe(400);
    expect((await call("PUT", `/api/budgets/months/${PAST_MONTH}/teams/billing`, { budgetUsd: "-1" })).body.error.message).toContain('json field "budgetUsd"');
  });

  it("approve a flagged team: recorded with reason and figures, the row turns approved; an unflagged team is refused", async () => {
    const review = await get(`/api/budgets/review?month=${PAST_MONTH}`);
    const flagged = review.teams.find((r: { needsApproval: boolean }) => r.needsApproval);
    const within = review.teams.find((r: { needsApproval: boolean; status: string }) => !r.needsApproval && r.status === "within");
    expect(flagged).toBeDefined();
    const body = { month: PAST_MONTH, teamId: flagged.teamId, reason: "Peak season started early", measure: "amortized", threshold: "0.02" };
    const approved = await call("POST", "/api/budgets/approvals", body, "cfo@lumen");
    expect(approved).toMatchObject({ status: 201, body: { approval: { actor: "cfo@lumen", reason: body.reason, budgetUsd: flagged.budgetUsd, forecastUsd: flagged.forecast } } });
    const after = (await get(`/api/budgets/review?month=${PAST_MONTH}`)).teams.find((r: { teamId: string }) => r.teamId === flagged.teamId);
    expect(after).toMatchObject({ status: "over-approved", approval: { actor: "cfo@lumen", reason: body.reason } });
    const [entry] = (await get(`/api/budgets/audit?teamId=${flagged.teamId}`)).entries;
    expect(entry).toMatchObject({ action: "approval.create", actor: "cfo@lumen", after: { reason: body.reason } });
    expect((await call("POST", "/api/budgets/approvals", { ...body, teamId: within.teamId })).status).toBe(409);
  });
});
