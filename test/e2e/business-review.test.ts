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
