// The review's commitments section from a Commitments overview: coverage and utilization as shares
// with their goals, a quarter weighted by its months' hours (Σ covered / Σ total), the commitments ending within 90 days after
// the period, the summary's risk lines, the Markdown section, and plain words when nothing is synced.
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { commitmentSection } from "../../jobs/reviews/commitment-section";
import { parsePeriod } from "../../db/domain/review-period";
import { summarise } from "../../jobs/reviews/review-summary";
import { renderMarkdown } from "../../jobs/reviews/render/markdown";
import { reviewCharts } from "../../jobs/reviews/render/svg-charts";
import { sampleReview } from "../support/sample-review";

/** A month's percentages, each a share of `whole` (hours or dollars: 1,000 unless given). */
const row = (month: string, riCov: string | null, spCov: string | null, riUse: string | null, spUse: string | null, whole = "1000") => {
  const basis = (pct: string | null) => (pct === null ? null : { part: new Decimal(pct).times(whole).div(100).toString(), whole });
  return { month, reservationCoverage: riCov, savingsPlanCoverage: spCov, reservationUtilization: riUse, savingsPlanUtilization: spUse, savingsPlanUnused: null, netSavings: null,
    basis: { reservationCoverage: basis(riCov), savingsPlanCoverage: basis(spCov), reservationUtilization: basis(riUse), savingsPlanUtilization: basis(spUse) } };
};
const commitment = (id: string, end: string | null) => ({ id, label: `Plan ${id}`, end, monthlyOnDemandEquivalent: "30000.00", monthlyCostIncreaseAtExpiry: "9546.00" });
const overview = (trend: ReturnType<typeof row>[], inventory = [commitment("sp", "2027-01-01"), commitment("ri", "2027-03-01"), commitment("old", "2026-10-15"), commitment("open", null)]) =>
  ({ costExplorerRun: { id: 1 }, trend, inventory }) as unknown as Parameters<typeof commitmentSection>[0];
const TREND = [row("2026-07", "70", "40", "99", "100"), row("2026-08", "72", "44", "98", "100"), row("2026-09", "74", "48", "97", "100"), row("2026-10", "81.5", "50", "90", null)];
const months = (...labels: string[]) => labels.map(parsePeriod);

describe("commitment section", () => {
  it("a month: each value is the API's percentage / 100, with its trend, goal and status", () => {
    const section = commitmentSection(overview(TREND), months("2026-08", "2026-09", "2026-10"));
    if (section.status !== "ready") throw new Error("expected a ready section");
    const by = Object.fromEntries(section.metrics.map((m) => [m.key, m]));
    expect(by.reservation_coverage).toMatchObject({ value: "0.815", status: "on_target", goal: { value: "0.80" }, change: { amount: "0.075" } });
    expect(by.reservation_coverage!.trend).toEqual([{ period: "2026-08", value: "0.72" }, { period: "2026-09", value: "0.74" }, { period: "2026-10", value: "0.815" }]);
    expect(by.savings_plan_coverage).toMatchObject({ value: "0.5", status: "off_target" });
    expect(by.reservation_utilization).toMatchObject({ value: "0.9", status: "off_target", goal: { value: "0.95" } });
    expect(by.savings_plan_utilization).toMatchObject({ value: null, status: "no_value" });
    // Ends after 2026-10-31 and by 2027-01-29: the plan, not the reservation (March) nor one already ended.
    expect(section.expiring).toEqual({ from: "2026-11-01", to: "2027-01-29", commitments: [{ commitmentId: "sp", label: "Plan sp", end: "2027-01-01", monthlyOnDemandEquivalent: "30000.00", monthlyCostIncreaseAtExpiry: "9546.00" }] });
  });

  it.each([
    ["months of equal hours: the mean", TREND, ["0.72", "0.44", "0.98", "1"]],
    // July 9,000 h at 50% covered and 60% used, August and September 500 h each at 100%: 5,500 / 10,000 and 6,400 / 10,000, not the means 0.8333 / 0.8667.
    ["a big month weighs more", [row("2026-07", "50", "50", "60", null, "9000"), row("2026-08", "100", "100", "100", null, "500"), row("2026-09", "100", "100", "100", null, "500")], ["0.55", "0.55", "0.64", null]],
  ])("a quarter is Σ covered / Σ total over its months: %s", (_label, trend, values) => {
    const section = commitmentSection(overview(trend), months("2026-Q3"));
    expect(section.status === "ready" && section.metrics.map((m) => m.value)).toEqual(values);
  });

  it("the summary flags coverage or utilization below goal and a commitment ending soon; Markdown shows the section with its charts", () => {
    const doc = { ...sampleReview(), commitments: commitmentSection(overview(TREND), months("2026-09", "2026-10")) };
    const { atRisk } = summarise(doc);
    expect(atRisk).toContain("Savings Plans coverage is 50.0%, below the goal of 80.0%.");
    expect(atRisk).toContain("Reservation utilization is 90.0%, below the goal of 95.0%.");
    expect(atRisk).toContain("Plan sp ends on 2027-01-01: $30,000 a month of usage returns to on-demand rates ($9,546 a month more).");
    expect(atRisk.some((l) => l.startsWith("Reservation coverage"))).toBe(false);
    const { markdown, charts } = renderMarkdown(doc);
    expect(markdown).toContain("| Reservation coverage (of eligible usage covered; company-wide) | 81.5% | 80.0% (Tallyboard default) | on target | +7.5 pts |");
    expect(markdown).toContain("| Plan sp | 2027-01-01 | $30,000.00 | $9,546.00 |");
    expect(charts.map((c) => c.key)).toContain("savings_plan_utilization");
    expect(reviewCharts(doc)).toHaveLength(11);
  });

  it("no commitments sync yet: says so plainly, no charts, no risk line", () => {
    const section = commitmentSection({ costExplorerRun: null, trend: [], inventory: [] } as unknown as Parameters<typeof commitmentSection>[0], months("2026-10"));
    expect(section).toMatchObject({ status: "no_data", note: expect.stringContaining("No commitments data yet") });
    const doc = { ...sampleReview(), commitments: section };
    expect(renderMarkdown(doc).markdown).toContain("## Commitments coverage\n\n_No commitments data yet: run the commitments sync");
    expect(reviewCharts(doc)).toHaveLength(7);
  });
});
