// Renderers of the business review: SVG charts from a pure function, Markdown naming each chart
// file beside it, and one self-contained HTML file with every chart inline; data text escaped.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../jobs/reviews/render/markdown";
import { renderHtml } from "../../jobs/reviews/render/html";
import { reviewCharts, trendChartSvg } from "../../jobs/reviews/render/svg-charts";
import { sampleReview } from "../support/sample-review";

describe("review charts", () => {
  it("one chart per headline metric plus the service and account movers, each a standalone SVG", () => {
    const charts = reviewCharts(sampleReview());
    expect(charts.map((c) => c.file)).toEqual(["chart-spend.svg", "chart-budget-adherence.svg", "chart-unit-cost.svg", "chart-engineer-overhead.svg", "chart-share-attributed.svg", "chart-movers-services.svg", "chart-movers-accounts.svg"]);
    for (const chart of charts) expect(chart.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>.*<\/svg>$/s);
  });

  it("a trend with a missing period draws two line segments, one point per value, and the goal dashed", () => {
    const svg = trendChartSvg(sampleReview().metrics[0]!);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(5);
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg).toContain("goal $22,400");
    expect(svg).toContain(">2026-08<");
  });

  it("is the same string for the same document (pure)", () => {
    expect(reviewCharts(sampleReview())).toEqual(reviewCharts(sampleReview()));
  });
});

describe("Markdown", () => {
  const { markdown, charts } = renderMarkdown(sampleReview());
  it("links every chart file it ships, and has the template's sections", () => {
    for (const chart of charts) expect(markdown).toContain(`](${chart.file})`);
    for (const heading of ["## Summary", "## Headline metrics", "## Biggest movers", "## Open nudges", "## Verified wins", "## Commitments coverage", "## How well is the area operating?", "## What will we do to operate better?", "## Where the numbers come from"])
      expect(markdown).toContain(`\n${heading}\n`);
  });

  it("shows value, goal, status and change of each metric", () => {
    expect(markdown).toContain("| Spend (attributed cost) | $21,339 | $22,400 (budget) | on target | +$1,030 (+5.1%) |");
    expect(markdown).toContain("| Cost per 10,000 searches (production cost) | $22.99 | none | no goal | -$0.26 (-1.1%) |");
  });

  it("escapes data so a name cannot become markup", () => {
    expect(markdown).toContain("Search &lt;&amp; Co&gt;");
    expect(markdown).toContain("Idle \\| volumes \\*unused\\*");
  });
});

describe("HTML", () => {
  const html = renderHtml(sampleReview());
  it("is one file: every chart inline as SVG, styles inline, nothing linked", () => {
    expect(html.match(/<figure class="chart"[^>]*><svg /g)).toHaveLength(7);
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<img|<link|<script|src=/);
  });

  it("keeps data text escaped in the page", () => {
    expect(html).not.toContain("<& Co>");
    expect(html).toContain("Search &lt;&amp; Co&gt;");
  });
});
