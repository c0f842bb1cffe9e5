// The Commitments API on the demo company through the real syncs: the Compute Savings Plan of
// fixtures/generator/savings-plan.ts ($28/h from 2026-01-01, 1 year) appears in the inventory and
// the expirations calendar, its unused commitment is on the teams through the commitment-fees pool
// to the cent, and the plan, per-team view and simulator answer from the same data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { demoSource } from "../../jobs/sources/billing-source";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { syncCommitments } from "../../jobs/commitments/sync-commitments";
import { loadDemoBusinessInputs } from "../../jobs/business/demo-business";
import { createApp } from "../../api/app";
import { loadNudgeInputs } from "../../jobs/nudges/load-inputs";
import { commitmentExpiryRule } from "../../jobs/nudges/rules/commitment-expiry";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const get = async (path: string) => {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as any };
};

beforeAll(async () => {
  database = await createTestDatabase();
  const source = demoSource("fixtures/demo");
  await applyOwnership(database.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: source.today() });
  const costs = await syncCosts(database, source, { restatementDays: 5, historyMonths: 13, retry: { retries: 0, baseDelayMs: 0 } });
  expect(costs.error).toBeUndefined();
  await loadDemoBusinessInputs(database.db, "fixtures/demo");
  const commitments = await syncCommitments(database, source, { retries: 0, baseDelayMs: 0 });
  expect(commitments.error).toBeUndefined();
  app = createApp(database, "demo");
}, 300_000);
afterAll(async () => database?.drop());

describe("GET /api/commitments", () => {
  it("lists the $28/h Compute Savings Plan (2026-01-01 + 1 year) and the four reservations, the plan first to expire: 41 days after 2026-11-21", async () => {
    const { status, body } = await get("/api/commitments");
    expect(status).toBe(200);
    const plan = body.inventory.find((c: any) => c.kind === "savings-plan");
    expect(plan).toMatchObject({ type: "compute-sp", hourlyCommitment: "28", start: "2026-01-01", startKnown: true, end: "2027-01-01", endSource: "cost-explorer", termYears: 1, paymentOption: "NO_UPFRONT", active: true });
    const reservations = body.inventory.filter((c: any) => c.kind === "reservation");
    expect(reservations.map((r: any) => `${r.instances} x ${r.instanceType}`).sort()).toEqual(["20 x r6i.2xlarge", "36 x m6i.xlarge", "4 x db.r6g.2xlarge", "4 x ra3.4xlarge"]);
    expect(reservations.every((r: any) => r.endSource === "cost-explorer")).toBe(true);
    expect(body.expirations[0]).toMatchObject({ label: plan.label, end: "2027-01-01", daysLeft: 41 });
    expect(new Decimal(body.expirations[0].monthlyCostIncreaseAtExpiry).gt(0)).toBe(true);
    // $28/h x 24 x 30.4375 = $20,454.00 a month, and the plan was fully used in the last 30 days.
    expect(plan.monthlyCommitment).toBe("20454.00");
  });

  it("has 13 months of coverage and utilization from Cost Explorer, no Savings Plan coverage before 2026", async () => {
    const { body } = await get("/api/commitments");
    expect(body.trend).toHaveLength(13);
    expect(body.trend.find((t: any) => t.month === "2025-12")).toMatchObject({ savingsPlanCoverage: "0", savingsPlanUtilization: null }); // nothing bought yet
    expect(Number(body.trend.find((t: any) => t.month === "2026-10").savingsPlanCoverage)).toBeGreaterThan(0);
    expect(body.awsRecommendations.some((r: any) => r.product === "COMPUTE_SP" && r.termYears === 1 && r.paymentOption === "NO_UPFRONT")).toBe(true);
  });
});

describe("unused commitment per team", () => {
  it("is every cent of the month's unused commitment, put on teams by the commitment-fees pool (nothing hidden)", async () => {
    const { body } = await get("/api/commitments/teams?month=2026-10");
    expect(body.month).toBe("2026-10");
    const [billed] = await queryRows<{ unused: string }>(
      database.db,
      sql`select sum(amortized_cost)::text as unused from cost_line_items where day >= '2026-10-01' and day <= '2026-10-31' and record_type in ('SavingsPlanRecurringFee', 'Recurring reservation fee')`,
    );
    const onTeams = body.teams.reduce((a: Decimal, t: any) => a.plus(t.unusedCommitment), new Decimal(0));
    expect(onTeams.toFixed(2)).toBe(new Decimal(billed!.unused).toFixed(2));
    expect(new Decimal(billed!.unused).gt(0)).toBe(true);
    expect(body.teams.flatMap((t: any) => Object.keys(t.unusedBy)).every((how: string) => how === "split")).toBe(true);
    const team = body.teams.find((t: any) => new Decimal(t.coveredEffective).gt(0));
    expect(new Decimal(team.withoutCommitments).gt(team.amortized)).toBe(true); // commitments lower its cost
  });
});

describe("plan and simulator", () => {
  it("puts Tallyboard's Compute Savings Plan next to AWS's with reasons", async () => {
    const { status, body } = await get("/api/commitments/plan?confidence=0.9");
    expect(status).toBe(200);
    expect(body.comparison.aws).not.toBeNull();
    expect(new Decimal(body.comparison.tallyboard.hourlyCommitment).gt(0)).toBe(true);
    expect(new Decimal(body.comparison.tallyboard.hourlyCommitment).lte(new Decimal(body.comparison.savingsMaximizingPerDay).times(body.comparison.rate).div(24).plus("0.001"))).toBe(true);
    expect(body.comparison.reasons.length).toBeGreaterThanOrEqual(3);
    expect(body.baselines.length).toBeGreaterThan(0);
  });

  it("simulates $40/h more on top of the existing plan, and what halving usage does to it", async () => {
    const { status, body } = await get("/api/commitments/simulate?commitment=compute-sp,1,NO_UPFRONT,40&drop=0.5");
    expect(status).toBe(200);
    expect(body.existing).toEqual([{ type: "compute-sp", hourlyCommitment: "28" }]);
    expect(new Decimal(body.withPlan.current.coverage).gt(body.current.current.coverage)).toBe(true);
    expect(new Decimal(body.withPlan.usageDrop.result.utilization).lt(body.withPlan.current.utilization)).toBe(true);
    expect(new Decimal(body.added.monthlySavingsAfterDrop).lt(body.added.monthlySavings)).toBe(true);
    expect(body.added.paybackMonths).toBe("0");
  });

  it.each([
    ["commitment=compute-sp,2,NO_UPFRONT,10", /termYears/],
    ["commitment=savings,1,NO_UPFRONT,10", /type/],
    ["commitment=compute-sp,1,NO_UPFRONT,10&drop=1.5", /drop/],
  ])("rejects %s naming the field", async (query, message) => {
    const { status, body } = await get(`/api/commitments/simulate?${query}`);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  });
});

describe("expiry nudge", () => {
  it("tells each team whose compute the plan covers its own part of the rise, 41 days before the end", async () => {
    const inputs = await loadNudgeInputs(database.db, "2026-11-20");
    const shares = inputs.commitmentExpiries.filter((row) => row.end === "2027-01-01");
    expect(shares.reduce((a, row) => a.plus(row.teamShare), new Decimal(0)).toDecimalPlaces(2).toString()).toBe("1");
    const findings = commitmentExpiryRule(inputs);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.rule === "commitment-expiry" && f.title.includes("ends on 2027-01-01 (in 41 days)"))).toBe(true);
  });
});
