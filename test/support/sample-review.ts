// A business review document built from fixed numbers (no database), for the renderer tests.
import { reviewMetric } from "../../jobs/reviews/review-metric";
import { parsePeriod } from "../../db/domain/review-period";
import { authorSections, summarise } from "../../jobs/reviews/review-summary";
import type { ReviewDocument } from "../../db/domain/review-model";

const trend = (values: (string | null)[]) => values.map((value, i) => ({ period: `2026-${String(i + 3).padStart(2, "0")}`, value }));
const base = { source: "GET /api/example", note: null, direction: "lower_is_better" as const, format: "usd" as const };

export function sampleReview(teamName = "Search <& Co>"): ReviewDocument {
  const metrics = [
    reviewMetric({ ...base, key: "spend", label: "Spend", unitLabel: "attributed cost", goal: { value: "22400", source: "budget" }, trend: trend(["19000", "19500.5", "20158.52", null, "20308.21", "21338.58"]) }),
    reviewMetric({ ...base, key: "budget_adherence", label: "Budget adherence", unitLabel: "forecast as a share of budget", format: "ratio", goal: { value: "1.02", source: "rule" }, trend: trend(["0.92", "1.07", "1.07", "0.95"]) }),
    reviewMetric({ ...base, key: "unit_cost", label: "Cost per 10,000 searches", unitLabel: "production cost", goal: null, trend: trend(["23.44", "23.25", "22.99"]) }),
    reviewMetric({ ...base, key: "engineer_overhead", label: "Overhead per engineer", unitLabel: "per engineer per month", goal: { value: "950", source: "goals" }, trend: trend(["95.47", "104.22", "110.03"]) }),
    reviewMetric({ ...base, key: "share_attributed", label: "Share attributed", unitLabel: "of the bill with an owner", format: "ratio", direction: "higher_is_better", goal: { value: "0.95", source: "default" }, trend: trend(["0.9532", "0.9539"]) }),
  ];
  const doc = {
    version: 1 as const,
    title: `Business review: ${teamName}, 2026-10`,
    scope: { kind: "team" as const, id: "search", name: teamName, teamIds: ["search"] },
    period: { ...parsePeriod("2026-10"), complete: true, billedThrough: "2026-10-31", previous: "2026-09" },
    measure: "amortized",
    lastCompleteBillingDay: "2026-11-20",
    generatedAt: "2026-11-21T08:00:00.000Z",
    metrics,
    movers: {
      comparedWith: { from: "2026-09-01", to: "2026-09-30" },
      totalChangeUsd: "1030.37",
      services: [
        { key: "ec2", name: "Amazon Elastic Compute Cloud - Compute", current: "12522.59", previous: "11914.37", changeUsd: "608.23", shareOfChange: "0.5903" },
        { key: "s3", name: "Amazon Simple Storage Service", current: "100.00", previous: "150.00", changeUsd: "-50.00", shareOfChange: "-0.048526" },
      ],
      accounts: [{ key: "318524906172", name: "lumen-prod", current: "19342.03", previous: "18398.81", changeUsd: "943.22", shareOfChange: "0.91542" }],
    },
    nudges: { open: [{ id: 1, teamId: "search", title: "Idle | volumes *unused*", rule: "idle-resources", monthlyAtStake: "2520.72", status: "open" }], monthlyAtStake: "2520.72" },
    wins: { verified: [{ id: 3, teamId: "search", title: "Rightsized the search fleet", shippedOn: "2026-05-01", realizedMonthlySavings: "1200.00" }], realizedMonthlySavings: "1200.00" },
    commitments: { status: "no_data" as const, note: "No commitments data yet." },
    authorSections: authorSections(),
  };
  return { ...doc, summary: summarise(doc) };
}
