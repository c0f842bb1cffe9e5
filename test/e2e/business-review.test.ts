// The Business review page in real Chromium on the demo company after one real sync: its numbers are
// the API's, the document previews with every chart, the PDF download holds every chart, and a review
// saved through the form is listed with its (empty) restatement note.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import { startDemoDashboard, type DemoDashboard } from "../support/demo-dashboard";
import { pdfText } from "../support/pdf-text";

let demo: DemoDashboard;
beforeAll(async () => {
  demo = await startDemoDashboard("business-review");
}, 300_000);
afterAll(async () => demo?.close());

const api = async (path: string) => (await fetch(`${demo.server.url}${path}`)).json() as Promise<any>;

describe("Business review page on the demo company", () => {
  it("group:payments, 2026-Q3: spend is /api/org's for the quarter; the document shows every chart", async () => {
    await demo.page.goto(`${demo.server.url}/#/business-review?scope=group:payments&period=2026-Q3`);
    await demo.page.waitForSelector("[data-testid=review-metrics] tr[data-metric=spend]", { timeout: 60_000 });
    const spend = await demo.page.locator("[data-testid=review-metrics] tr[data-metric=spend]").getAttribute("data-value");
    const org = await api("/api/org?from=2026-07-01&to=2026-09-30");
    expect(new Decimal(spend!).toString()).toBe(new Decimal(org.units.find((u: { id: string }) => u.id === "payments").amount).toString());
    const frame = demo.page.frameLocator("[data-testid=review-frame]");
    await expect.poll(() => frame.locator("h1").innerText(), { timeout: 30_000 }).toBe("Business review: Payments, 2026-Q3");
    expect(await frame.locator("figure.chart svg").count()).toBe(7);
    // Commitments are the company's: a group's review points to the company review instead.
    expect(await frame.locator("h2", { hasText: "Commitments coverage" }).count()).toBe(1);
    expect(await frame.locator("p", { hasText: "bought and shared company-wide" }).count()).toBe(1);
    expect(await demo.page.locator("[data-testid=review-scope]").inputValue()).toBe("group:payments");
    await demo.page.screenshot({ path: join(demo.screenshots, "business-review.png"), fullPage: true });
  });

  it("the PDF download renders in Chromium with every chart present", async () => {
    const [download] = await Promise.all([demo.page.waitForEvent("download", { timeout: 60_000 }), demo.page.click("[data-testid=review-download-pdf]")]);
    expect(download.suggestedFilename()).toBe("business-review-group-payments-2026-Q3.pdf");
    const { pages, text } = await pdfText(readFileSync((await download.path())!));
    expect(pages).toBeGreaterThanOrEqual(2);
    const { document } = await api("/api/reviews/preview?scope=group:payments&period=2026-Q3");
    for (const metric of document.metrics) expect(text).toContain(`${metric.label} trend (${metric.unitLabel})`);
    expect(text).toContain("Biggest movers: services, change against the previous period");
    expect(text).toContain("Biggest movers: accounts, change against the previous period");
  }, 90_000);

  it("saves the review with the author's words; it is listed with no restatement", async () => {
    await demo.page.fill("[data-testid=review-section-improve]", "Move DynamoDB tables to on-demand.");
    await demo.page.fill("[data-testid=review-actor]", "payments-lead");
    await demo.page.click("[data-testid=review-save]");
    await demo.page.waitForSelector("[data-testid=saved-reviews-table] tr.saved-review-row", { timeout: 60_000 });
    const { reviews } = await api("/api/reviews");
    expect(reviews[0]).toMatchObject({ scope: "group:payments", period: "2026-Q3", savedBy: "payments-lead", restatement: { restated: false } });
    const row = demo.page.locator(`tr.saved-review-row[data-review-id="${reviews[0].id}"]`);
    expect(await row.getAttribute("data-restated")).toBe("false");
    expect(await row.locator("[data-testid=restatement-note]").innerText()).toBe("No restatement");
    const stored = await api(`/api/reviews/${reviews[0].id}`);
    expect(stored.review.document.authorSections.find((s: { key: string }) => s.key === "improve").body).toBe("Move DynamoDB tables to on-demand.");
    await demo.page.screenshot({ path: join(demo.screenshots, "business-review-saved.png"), fullPage: true });
  }, 60_000);
});

describe("What will it cost? page on the demo company", () => {
  it("estimates a service like Search at 5M searches a month with the API's numbers, saves it, and compares it with the actuals since 2026-09", async () => {
    await demo.page.goto(`${demo.server.url}/#/cost-estimate`);
    await demo.page.waitForSelector("[data-testid=estimate-comparableTeams] option[value=search]", { state: "attached", timeout: 30_000 });
    await demo.page.fill("[data-testid=estimate-title]", "Autocomplete service");
    await demo.page.fill("[data-testid=estimate-operationsPerMonth]", "5000000");
    await demo.page.fill("[data-testid=estimate-operationName]", "searches");
    await demo.page.selectOption("[data-testid=estimate-comparableTeams]", ["search"]);
    await demo.page.click("[data-testid=estimate-submit]");
    await demo.page.waitForSelector("[data-testid=estimate-monthly]", { timeout: 30_000 });
    const expected = await (await fetch(`${demo.server.url}/api/estimates/preview`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Autocomplete service", operationsPerMonth: "5000000", operationName: "searches", comparables: [{ kind: "team", id: "search" }] }),
    })).json();
    expect(await demo.page.locator("[data-testid=estimate-monthly]").getAttribute("data-value")).toBe(expected.estimate.monthlyCost);
    expect(await demo.page.locator("[data-testid=estimate-low]").getAttribute("data-value")).toBe(expected.estimate.low);
    expect(await demo.page.locator("[data-testid=estimate-markdown]").inputValue()).toBe(expected.estimate.markdown);

    await demo.page.selectOption("[data-testid=estimate-teamId]", "search");
    await demo.page.fill("[data-testid=estimate-launchMonth]", "2026-09");
    await demo.page.fill("[data-testid=estimate-actor]", "spec-author");
    await demo.page.click("[data-testid=estimate-save]");
    await demo.page.waitForSelector("[data-testid=saved-estimates-table] tr.saved-estimate-row [data-status=compared]", { timeout: 30_000 });
    const { estimates } = await api("/api/estimates");
    const row = demo.page.locator(`tr.saved-estimate-row[data-estimate-id="${estimates[0].id}"]`);
    const gaps = await row.locator("li[data-month]").evaluateAll((items) => items.map((li) => [li.getAttribute("data-month"), li.getAttribute("data-gap")]));
    expect(gaps).toEqual(estimates[0].comparison.months.map((m: { month: string; gap: string }) => [m.month, m.gap]));
    expect(gaps.map(([month]) => month)).toEqual(["2026-09", "2026-10"]);
    await demo.page.screenshot({ path: join(demo.screenshots, "cost-estimate.png"), fullPage: true });
  }, 60_000);
});
