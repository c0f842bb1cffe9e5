// Leaderboard and wins on the demo company through the real sync and the API. The Checkout
// rightsizing of 2026-05-01 recorded as a win: its realized savings equal an independent computation
// from the rollups (tied to fixtures/demo/golden.json) and fixtures/demo/operations.csv.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { loadDemoBudgets } from "../../jobs/budgets/budget-changes";
import { loadDemoBusinessInputs } from "../../jobs/business/demo-business";
import { createApp } from "../../api/app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { golden } from "../support/demo-expectations";
import { loadDemoBilling } from "../support/demo-billing";

const operations = parse(readFileSync("fixtures/demo/operations.csv", "utf8"), { columns: true }) as { day: string; team: string; count: string }[];
let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const call = async (method: string, path: string, body?: unknown) => {
  const response = await app.request(path, { method, headers: { "content-type": "application/json", "x-actor": "test-runner" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
};

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoBilling(database);
  // The business inputs (operations) come with the demo import in the runtime; load them here the same way.
  await loadDemoBusinessInputs(database.db, "fixtures/demo");
  await loadDemoBudgets(database.db, "fixtures/demo");
  app = createApp(database, "demo");
}, 300_000);
afterAll(async () => database?.drop());

/** Checkout's amortized cost in [from, to] from the daily rollup, 1st-of-month charges spread over their month. */
async function checkoutCost(from: string, to: string): Promise<Decimal> {
  const monthly = `('Tax', 'Support', 'Recurring reservation fee', 'Credit', 'Refund')`;
  const [row] = await queryRows<{ daily: string; spread: string }>(
    database.db,
    sql`select
          (select coalesce(sum(amortized_cost), 0) from cost_rollup_daily where team_id = 'checkout' and day between ${from}::date and ${to}::date and record_type not in ${sql.raw(monthly)})::text as daily,
          (select coalesce(sum(amortized_cost * (least(${to}::date, (date_trunc('month', day) + interval '1 month - 1 day')::date) - greatest(${from}::date, date_trunc('month', day)::date) + 1)
                / extract(day from date_trunc('month', day) + interval '1 month - 1 day')), 0)
             from cost_rollup_daily where team_id = 'checkout' and record_type in ${sql.raw(monthly)}
               and date_trunc('month', day) <= ${to}::date and date_trunc('month', day) + interval '1 month - 1 day' >= ${from}::date)::text as spread`,
  );
  return new Decimal(row!.daily).plus(row!.spread);
}
const checkoutOps = (from: string, to: string) => operations.filter((r) => r.team === "checkout" && r.day >= from && r.day <= to).reduce((s, r) => s.plus(r.count), new Decimal(0));

describe("wins on the demo", () => {
  it("the daily rollup holds golden.json's checkout spend for April and May 2026", async () => {
    for (const month of ["2026-04", "2026-05"]) {
      const [row] = await queryRows<{ amount: string }>(database.db, sql`select sum(amortized_cost)::text as amount from cost_rollup_daily where team_id = 'checkout' and to_char(day, 'YYYY-MM') = ${month}`);
      expect(new Decimal(row!.amount).minus(golden.teams.checkout![month]!).abs().lte("0.01")).toBe(true);
    }
  });

  it("Checkout rightsizing shipped 2026-05-01: realized savings equal the independent computation", async () => {
    const created = await call("POST", "/api/wins", { teamId: "checkout", title: "Rightsized the checkout fleet", shippedOn: "2026-05-01", expectedMonthlySavingsUsd: "1000" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const before = await checkoutCost("2026-04-03", "2026-04-30");
    const after = await checkoutCost("2026-05-01", "2026-05-28");
    const opsBefore = checkoutOps("2026-04-03", "2026-04-30");
    const opsAfter = checkoutOps("2026-05-01", "2026-05-28");
    const expected = before.div(opsBefore).times(opsAfter).minus(after).times("30.4375").div(28).toDecimalPlaces(2);
    const { body } = await call("GET", `/api/wins/${created.body.win.id}`);
    expect(body.win.measurement).toMatchObject({ normalised: true, metric: "payments_processed", operationsBefore: opsBefore.toString(), operationsAfter: opsAfter.toString() });
    expect(new Decimal(body.win.measurement.costBefore).minus(before).abs().lte("0.000001")).toBe(true);
    expect(body.win.measurement.realizedMonthlySavings).toBe(expected.toFixed(2));
    // $1,574.74 a month realized against $1,000 expected: verified, and so a badge.
    expect(expected.toFixed(2)).toBe("1574.74");
    expect(body.win.measurement.status).toBe("verified");
    expect(body.win.badge).toBe(true);
  });

  it("an over-promised win is not verified, a win shipped last week is still measuring, bad input names the field", async () => {
    const big = await call("POST", "/api/wins", { teamId: "checkout", title: "Promised the moon", shippedOn: "2026-05-01", expectedMonthlySavingsUsd: "9999999" });
    expect(big.body.win.measurement.status).toBe("not-verified");
    const fresh = await call("POST", "/api/wins", { teamId: "search", title: "Smaller OpenSearch nodes", shippedOn: "2026-11-10", expectedMonthlySavingsUsd: "500" });
    expect(fresh.body.win.measurement).toMatchObject({ status: "measuring", realizedMonthlySavings: null });
    const bad = await call("POST", "/api/wins", { teamId: "checkout", title: "x", shippedOn: "2026-05-01", expectedMonthlySavingsUsd: "10" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('"title"');
    const unknown = await call("POST", "/api/wins", { teamId: "nobody", title: "Something", shippedOn: "2026-05-01", expectedMonthlySavingsUsd: "10" });
    expect(unknown.status).toBe(400);
    expect((await call("GET", "/api/wins")).body.wins).toHaveLength(3);
  });
});

describe("leaderboard on the demo", () => {
  it("defaults to the last whole month, ranks every team with finite scores and stated weights", async () => {
    const { status, body } = await call("GET", "/api/leaderboard");
    expect(status).toBe(200);
    expect(body.month).toBe("2026-10");
    expect(body.baseline).toMatchObject({ from: "2026-07-01", to: "2026-09-30" });
    expect(body.teams).toHaveLength(20);
    expect(JSON.stringify(body)).not.toMatch(/NaN|Infinity/);
    const ranks = body.teams.filter((t: any) => t.rank !== null).map((t: any) => Number(t.score));
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    expect(body.teams.find((t: any) => t.teamId === "checkout").components.unitCost).toBeDefined();
  });

  it("2026-05: Checkout's verified rightsizing is its one badge; the over-promised win is none", async () => {
    const { body } = await call("GET", "/api/leaderboard?month=2026-05");
    const checkout = body.teams.find((t: any) => t.teamId === "checkout");
    const wins = (await call("GET", "/api/wins?teamId=checkout")).body.wins;
    const rightsizing = wins.find((w: any) => w.title === "Rightsized the checkout fleet");
    expect(rightsizing).toBeDefined();
    expect(checkout.badges).toEqual([{ winId: rightsizing.id, title: "Rightsized the checkout fleet", shippedOn: "2026-05-01" }]);
    expect(body.teams.filter((t: any) => t.teamId !== "checkout").flatMap((t: any) => t.badges)).toEqual([]);
  });

  it("2026-10: a missing component counts as neutral at its full weight, so no data never outranks a better team", async () => {
    const { body } = await call("GET", "/api/leaderboard?month=2026-10");
    const keys = Object.keys(body.weights);
    const scores = (t: any) => keys.map((k) => new Decimal(t.components[k]?.score ?? "0.5"));
    for (const team of body.teams) {
      const expected = keys.reduce((sum, k, i) => sum.plus(scores(team)[i]!.times(body.weights[k])), new Decimal(0)).times(100).toDecimalPlaces(2);
      expect(team.score, team.teamId).toBe(expected.toString());
    }
    // Teams with operations data scoring at least as well on every component as a team without it rank above it.
    const withOps = body.teams.filter((t: any) => t.components.unitCost);
    const withoutOps = body.teams.filter((t: any) => !t.components.unitCost);
    const dominating = withOps.flatMap((a: any) => withoutOps.filter((b: any) => scores(a).every((s, i) => s.gte(scores(b)[i]!))).map((b: any) => [a, b]));
    expect(dominating.length).toBeGreaterThan(0);
    for (const [a, b] of dominating) expect(a.rank, `${a.teamId} vs ${b.teamId}`).toBeLessThan(b.rank);
  });
});
