// Business reviews on the demo company after a real sync: every headline number equals the number
// the existing API answers for the same scope and period.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import Decimal from "decimal.js";
import { demoSource } from "../../jobs/sources/billing-source";
import { DATASET_FILES } from "../../jobs/sources/fixtures/dataset";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { getSavedReview, listSavedReviews, saveReview } from "../../jobs/reviews/stored-reviews";
import { renderMarkdown } from "../../jobs/reviews/render/markdown";
import { reviewCommand } from "../../jobs/reviews/review-command";
import type { Runtime } from "../../jobs/runtime";
import { createApp } from "../../api/app";
import { buildReview } from "../../jobs/reviews/build-review";
import { parsePeriod, parseScope } from "../../db/domain/review-period";
import type { ReviewDocument, MetricKey } from "../../db/domain/review-model";
import type { TestDatabase } from "../support/test-database";
import { createDemoReviewDatabase } from "../support/demo-review-database";
import { syncCommitments } from "../../jobs/commitments/sync-commitments";

// Each test builds whole documents: a second alone, far more when the shared machine is busy.
vi.setConfig({ testTimeout: 120_000 });

let database: TestDatabase;
/** Built before the commitments sync: the section says there is no data. */
let beforeCommitmentsSync: ReviewDocument;
let app: ReturnType<typeof createApp>;
const get = async (path: string): Promise<any> => {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  return response.json();
};
const review = (scope: string, period: string) => buildReview(database.db, { scope: parseScope(scope), period: parsePeriod(period), measure: "amortized" });
const value = (doc: ReviewDocument, key: MetricKey) => doc.metrics.find((m) => m.key === key)!.value;
const same = (a: string | null | undefined, b: string | null | undefined) => expect(a === null || a === undefined ? a : new Decimal(a).toString()).toBe(b === null || b === undefined ? b : new Decimal(b).toString());

beforeAll(async () => {
  database = await createDemoReviewDatabase();
  app = createApp(database, "demo");
  beforeCommitmentsSync = await review("company", "2026-10");
  const run = await syncCommitments(database, demoSource("fixtures/demo"), { retries: 0, baseDelayMs: 0 });
  if (run.error) throw new Error(`commitments sync failed: ${run.error}`);
}, 300_000);
afterAll(async () => database?.drop());

describe("business review numbers equal the API's (demo company, last complete day 2026-11-20)", () => {
  it("company, 2026-10: spend and share attributed = /api/overview; unit cost and overhead = /api/metrics/efficiency; adherence = /api/budgets/review", async () => {
    const doc = await review("company", "2026-10");
    const overview = (await get("/api/overview")).months.find((m: { month: string }) => m.month === "2026-10");
    same(value(doc, "spend"), overview.total);
    same(value(doc, "share_attributed"), overview.shareAttributed);
    const efficiency = await get("/api/metrics/efficiency");
    same(value(doc, "unit_cost"), efficiency.cards.unitCost.value);
    same(value(doc, "engineer_overhead"), efficiency.cards.engineerOverhead.value);
    expect(doc.metrics.find((m) => m.key === "unit_cost")!.goal?.value).toBe(efficiency.cards.unitCost.goal.targetValue);
    const budget = await get("/api/budgets/review?month=2026-10");
    const sum = (field: "budgetUsd" | "forecast") => budget.teams.reduce((s: Decimal, t: Record<string, string | null>) => s.plus(t[field] ?? 0), new Decimal(0));
    same(value(doc, "budget_adherence"), sum("forecast").div(sum("budgetUsd")).toDecimalPlaces(6).toString());
    // The trend is each month's own figure: the spend trend is the overview's months.
    const months = (await get("/api/overview?months=14")).months.filter((m: { month: string }) => m.month <= "2026-10").slice(-12);
    expect(doc.metrics[0]!.trend.map((p) => new Decimal(p.value!).toString())).toEqual(months.map((m: { total: string }) => new Decimal(m.total).toString()));
  });

  it("team:search, 2026-10: spend = /api/org; overhead = /api/metrics/teams; unit cost = /api/metrics/efficiency over its own searches", async () => {
    const doc = await review("team:search", "2026-10");
    const org = await get("/api/org?from=2026-10-01&to=2026-10-31");
    same(value(doc, "spend"), org.units.find((u: { id: string }) => u.id === "search").amount);
    const teams = await get("/api/metrics/teams?month=2026-10");
    same(value(doc, "engineer_overhead"), teams.teams.find((t: { teamId: string }) => t.teamId === "search").overheadPerEngineer);
    const efficiency = await get("/api/metrics/efficiency?teams=search&operationTeams=search&metric=searches&environments=production");
    same(value(doc, "unit_cost"), efficiency.unitCostMonthly.find((p: { period: string }) => p.period === "2026-10").value);
    const budget = (await get("/api/budgets/review?month=2026-10")).teams.find((t: { teamId: string }) => t.teamId === "search");
    same(value(doc, "budget_adherence"), new Decimal(budget.forecast).div(budget.budgetUsd).toDecimalPlaces(6).toString());
    same(doc.metrics[0]!.goal?.value, budget.budgetUsd);
    // Movers: services sum to the spend change against 2026-09, which is the team's own change.
    const before = (await get("/api/org?from=2026-09-01&to=2026-09-30")).units.find((u: { id: string }) => u.id === "search").amount;
    same(doc.movers.totalChangeUsd, new Decimal(value(doc, "spend")!).minus(before).toFixed(2));
  });

  it("a team's review is the team's: its own unit cost or none, no company commitments, spend and adherence by one rule", async () => {
    // fraud records no operations: no "cost per 10,000 searches" of the company's.
    const fraud = await review("team:fraud", "2026-10");
    expect(fraud.metrics.map((m) => m.key)).toEqual(["spend", "budget_adherence", "engineer_overhead", "share_attributed"]);
    // checkout: its production cost over its own payments processed, as the API answers for the same scope.
    const checkout = await review("team:checkout", "2026-10");
    const unit = checkout.metrics.find((m) => m.key === "unit_cost")!;
    expect(unit.label).toBe("Cost per 10,000 payments processed");
    const own = await get("/api/metrics/efficiency?teams=checkout&operationTeams=checkout&metric=payments_processed&environments=production");
    same(unit.value, own.unitCostMonthly.find((p: { period: string }) => p.period === "2026-10").value);
    for (const doc of [fraud, checkout, await review("team:search", "2026-10")]) {
      // The company's Savings Plan ending 2027-01-01 is not a team's risk.
      expect(doc.commitments).toMatchObject({ status: "company_wide" });
      expect(doc.summary.atRisk.filter((line) => line.includes(" ends on "))).toEqual([]);
      const [spend, adherence] = [doc.metrics[0]!, doc.metrics[1]!];
      if (spend.status !== "no_goal" && adherence.value !== null) expect(spend.status, doc.scope.id!).toBe(adherence.status);
    }
  });

  it("group:payments, 2026-Q3: spend = /api/org over the quarter; adherence = the sum of the budget review's group rows", async () => {
    const doc = await review("group:payments", "2026-Q3");
    expect(doc.scope.teamIds).toEqual(["billing", "checkout", "fraud"]);
    expect(doc.metrics[0]!.trend.map((p) => p.period)).toEqual(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
    const org = await get("/api/org?from=2026-07-01&to=2026-09-30");
    same(value(doc, "spend"), org.units.find((u: { id: string }) => u.id === "payments").amount);
    let budget = new Decimal(0);
    let forecast = new Decimal(0);
    for (const month of ["2026-07", "2026-08", "2026-09"]) {
      const unit = (await get(`/api/budgets/review?month=${month}`)).units.find((u: { id: string }) => u.id === "payments");
      budget = budget.plus(unit.budgetUsd);
      forecast = forecast.plus(unit.forecast);
    }
    same(value(doc, "budget_adherence"), forecast.div(budget).toDecimalPlaces(6).toString());
  });

  it("org:product-engineering, the open month 2026-11: spend to the last complete day, open nudges of its teams", async () => {
    const doc = await review("org:product-engineering", "2026-11");
    expect(doc.period).toMatchObject({ complete: false, billedThrough: "2026-11-20" });
    const org = await get("/api/org?from=2026-11-01&to=2026-11-20");
    same(value(doc, "spend"), org.units.find((u: { id: string }) => u.id === "product-engineering").amount);
    const nudges = (await get("/api/nudges?view=active&limit=500")).nudges.filter((n: { teamId: string }) => doc.scope.teamIds.includes(n.teamId));
    same(doc.nudges.monthlyAtStake, nudges.reduce((s: Decimal, n: { monthlyAtStake: string }) => s.plus(n.monthlyAtStake), new Decimal(0)).toFixed(2));
    expect(doc.summary.atRisk.at(-1)).toContain("still open");
  });

  it("an unknown scope names the field", async () => {
    await expect(review("team:nobody", "2026-10")).rejects.toThrow('scope: no team "nobody"');
  });
});

describe("the commitments section (demo: the $28/h Compute Savings Plan ends 2027-01-01)", () => {
  it("company, 2026-10: coverage and utilization = GET /api/commitments trend / 100; the plan ending within 90 days = its expirations entry; saved with the review", async () => {
    const doc = await review("company", "2026-10");
    if (doc.commitments.status !== "ready") throw new Error(`commitments: ${doc.commitments.status}`);
    const api = await get("/api/commitments");
    const october = api.trend.find((t: { month: string }) => t.month === "2026-10");
    const fields = { reservation_coverage: "reservationCoverage", savings_plan_coverage: "savingsPlanCoverage", reservation_utilization: "reservationUtilization", savings_plan_utilization: "savingsPlanUtilization" } as const;
    for (const [key, field] of Object.entries(fields)) {
      const metric = doc.commitments.metrics.find((m) => m.key === key)!;
      same(metric.value, october[field] === null ? null : new Decimal(october[field]).div(100).toString());
      expect(metric.trend.map((p) => p.period)).toEqual(doc.metrics[0]!.trend.map((p) => p.period));
    }
    expect(new Decimal(doc.commitments.metrics[1]!.value!).gt(0)).toBe(true);
    const plan = api.expirations.find((e: { end: string }) => e.end === "2027-01-01");
    expect(doc.commitments.expiring.commitments).toEqual([{ commitmentId: plan.commitmentId, label: plan.label, end: "2027-01-01", monthlyOnDemandEquivalent: plan.monthlyOnDemandEquivalent, monthlyCostIncreaseAtExpiry: plan.monthlyCostIncreaseAtExpiry }]);
    expect(doc.summary.atRisk.some((line) => line.startsWith(`${plan.label} ends on 2027-01-01`))).toBe(true);
    // 2026-Q3 ends 2026-09-30: the plan ends beyond 90 days after it.
    const q3 = await review("company", "2026-Q3");
    expect(q3.commitments.status === "ready" && q3.commitments.expiring.commitments).toEqual([]);
    const saved = await saveReview(database.db, { scope: parseScope("company"), period: parsePeriod("2026-10"), measure: "amortized" }, {}, "cfo");
    expect((await getSavedReview(database.db, saved.id))!.document.commitments).toEqual(doc.commitments);
  });

  it("Markdown and HTML show the section; before any commitments sync it says there is no data", async () => {
    const markdown = await (await app.request("/api/reviews/export?scope=company&period=2026-10&format=md")).text();
    expect(markdown).toContain("## Commitments coverage\n\n| Metric |");
    expect(markdown).toMatch(/\| Savings Plans coverage \(of eligible usage covered; company-wide\) \| \d+\.\d% \| 80\.0% \(Tallyboard default\) \|/);
    const html = await (await app.request("/api/reviews/export?scope=company&period=2026-10&format=html")).text();
    expect(html).toContain("<h2>Commitments coverage</h2>");
    expect(html).toContain("<h3>Ending 2026-11-01 to 2027-01-29</h3>");
    expect(beforeCommitmentsSync.commitments.status).toBe("no_data");
    expect(renderMarkdown(beforeCommitmentsSync).markdown).toContain("_No commitments data yet: run the commitments sync");
  });
});

describe("/api/reviews", () => {
  it("preview answers the builder's document; export gives Markdown with its charts inline and self-contained HTML", async () => {
    const { document } = await get("/api/reviews/preview?scope=group:payments&period=2026-Q3");
    const built = await review("group:payments", "2026-Q3");
    expect(document.metrics.map((m: { value: string }) => m.value)).toEqual(built.metrics.map((m) => m.value));
    const md = await app.request("/api/reviews/export?scope=group:payments&period=2026-Q3&format=md");
    expect(md.headers.get("content-disposition")).toBe('attachment; filename="business-review-group-payments-2026-Q3.md"');
    const markdown = await md.text();
    // Five headline metrics and two movers charts; the commitments are the company review's.
    expect(markdown.match(/\]\(data:image\/svg\+xml;base64,/g)).toHaveLength(7);
    const html = await (await app.request("/api/reviews/export?scope=group:payments&period=2026-Q3&format=html")).text();
    expect(html.match(/<figure class="chart"/g)).toHaveLength(7);
  });

  it("names the bad field: a malformed period is 400, an unknown team 404", async () => {
    const bad = await app.request("/api/reviews/preview?scope=company&period=2026-13");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('query field "period"');
    const unknown = await app.request("/api/reviews/preview?scope=team:nobody&period=2026-10");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toBe('scope: no team "nobody"');
  });

  it("POST saves a review with the author's words; GET lists it and returns the snapshot", async () => {
    const response = await app.request("/api/reviews", { method: "POST", headers: { "content-type": "application/json", "x-actor": "cfo" }, body: JSON.stringify({ scope: "company", period: "2026-10", authorSections: { asks: "Approve the RI purchase." } }) });
    expect(response.status).toBe(201);
    const { review: saved } = await response.json();
    expect(saved).toMatchObject({ scope: "company", period: "2026-10", savedBy: "cfo", restatement: { restated: false } });
    const { reviews } = await get("/api/reviews");
    expect(reviews.map((r: { id: number }) => r.id)).toContain(saved.id);
    const { review: stored } = await get(`/api/reviews/${saved.id}`);
    expect(stored.document.authorSections.find((s: { key: string }) => s.key === "asks").body).toBe("Approve the RI purchase.");
    expect((await app.request("/api/reviews/999999")).status).toBe(404);
  });
});

describe("npm run cli -- review", () => {
  it("writes the Markdown with its seven SVG charts beside it (a team's review has no company commitments charts)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tallyboard-review-cli-"));
    const runtime = { database, config: { chromiumPath: "/nowhere/chromium" } } as unknown as Runtime;
    const written = await reviewCommand(runtime, { scope: "team:search", period: "2026-10", format: "md", out: join(dir, "review.md") });
    expect(written).toHaveLength(8);
    const markdown = readFileSync(join(dir, "review.md"), "utf8");
    for (const path of written.slice(1)) {
      expect(markdown).toContain(`](${path.slice(dir.length + 1)})`);
      expect(readFileSync(path, "utf8")).toMatch(/^<svg /);
    }
    await expect(reviewCommand(runtime, { scope: "team:search", period: "2026-10", format: "pdf", out: join(dir, "review.pdf") })).rejects.toThrow("set CHROMIUM_PATH");
    await expect(reviewCommand(runtime, { scope: "team:search", period: "2026-10", format: "docx" })).rejects.toThrow("--format must be one of md, html, pdf");
  });
});

/** A copy of the demo fixtures whose bill for `day` is `factor` times the original, every line. */
function restatedDemo(day: string, factor: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tallyboard-restated-"));
  for (const file of DATASET_FILES) copyFileSync(join("fixtures/demo", file), join(dir, file));
  const rows: Record<string, string>[] = parse(readFileSync(join(dir, "cost-lines.csv")), { columns: true });
  for (const row of rows) {
    if (row.day !== day) continue;
    for (const column of ["unblended_cost", "amortized_cost", "net_amortized_cost"]) row[column] = new Decimal(row[column]!).times(factor).toString();
  }
  writeFileSync(join(dir, "cost-lines.csv"), stringify(rows, { header: true, columns: Object.keys(rows[0]!) }));
  return dir;
}

describe("a saved review keeps its numbers when the bill is restated", () => {
  it("saves team:search 2026-10; a re-sync doubles 2026-10-15; the saved review is unchanged and notes what changed", async () => {
    const saved = await saveReview(database.db, { scope: parseScope("team:search"), period: parsePeriod("2026-10"), measure: "amortized" }, { improve: "Move search to Graviton." }, "lead");
    const before = (await getSavedReview(database.db, saved.id))!;
    expect(before.restatement).toEqual({ restated: false, figures: [], summary: null });
    expect(before.document.authorSections.find((s) => s.key === "improve")!.body).toBe("Move search to Graviton.");
    const spendBefore = value(before.document, "spend")!;

    const run = await syncCosts(database, demoSource(restatedDemo("2026-10-15", "2")), { window: { start: "2026-10-15", end: "2026-10-16" }, restatementDays: 5, historyMonths: 13, retry: { retries: 0, baseDelayMs: 0 } });
    expect(run.error).toBeUndefined();
    const liveSpend = value(await review("team:search", "2026-10"), "spend")!;
    expect(new Decimal(liveSpend).gt(spendBefore)).toBe(true);

    const after = (await getSavedReview(database.db, saved.id))!;
    expect(before.document.restatement).toBeNull();
    expect({ ...after.document, restatement: null }).toEqual(before.document); // every number as saved
    expect(value(after.document, "spend")).toBe(spendBefore);
    expect(after.restatement.restated).toBe(true);
    const spend = after.restatement.figures.find((f) => f.what === "Spend, 2026-10")!;
    expect(spend).toMatchObject({ saved: spendBefore, now: liveSpend, difference: new Decimal(liveSpend).minus(spendBefore).toString() });
    expect(after.restatement.summary).toContain("Restated since saved");
    expect(after.document.restatement!.figures).toContain(spend.text);
    expect(renderMarkdown(after.document).markdown).toContain("Restated since this review was saved");
    // September was not restated: its point is not in the note.
    expect(after.restatement.figures.some((f) => f.what.endsWith("2026-09"))).toBe(false);
    const listed = (await listSavedReviews(database.db)).find((r) => r.id === saved.id);
    expect(listed).toMatchObject({ scope: "team:search", period: "2026-10", restatement: { restated: true } });
  }, 240_000); // a re-sync and three builds: seconds alone, minutes on a busy shared machine
});
