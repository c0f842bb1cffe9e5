// The business review printed to PDF by Debian's Chromium: every chart is in it, found by the text
// each chart draws (extracted from the PDF with unpdf), and the pages are as many as the content needs.
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../jobs/reviews/render/html";
import { renderPdf, ChromiumMissingError } from "../../jobs/reviews/render/pdf";
import { reviewCharts } from "../../jobs/reviews/render/svg-charts";
import { sampleReview } from "../support/sample-review";
import { pdfText } from "../support/pdf-text";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";


describe("business review PDF", () => {
  it("renders every chart and the numbers, over a few A4 pages", async () => {
    const doc = sampleReview("Search");
    const pdf = await renderPdf(renderHtml(doc), chromium);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(8);
    for (const chart of reviewCharts(doc)) expect(text, chart.file).toContain(chart.heading);
    expect(text).toContain("goal $22,400"); // drawn inside the spend chart only
    expect(text).toContain("Business review: Search, 2026-10");
    expect(text).toContain("$21,339");
  }, 60_000);

  it("says what to do when Chromium is missing", async () => {
    await expect(renderPdf("<p>x</p>", "/nowhere/chromium")).rejects.toThrow(ChromiumMissingError);
    await expect(renderPdf("<p>x</p>", "/nowhere/chromium")).rejects.toThrow("apt-get install chromium) or set CHROMIUM_PATH");
  });
});
