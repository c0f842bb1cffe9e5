// The review's commitments section: reservation and Savings Plans coverage and utilization for the
// period (a quarter weighted by hours, with their trend and a default goal) and the commitments ending within 90 days after it,
// from the same overview GET /api/commitments answers. Pure: the caller reads the overview.
import Decimal from "decimal.js";
import { addDays } from "../../db/calendar";
import type { getCommitmentsOverview } from "../commitments/get-commitments";
import type { ReviewPeriod } from "../../db/domain/review-period";
import type { CommitmentsSection, ReviewMetric } from "../../db/domain/review-model";
import { reviewMetric } from "./review-metric";

type Overview = Awaited<ReturnType<typeof getCommitmentsOverview>>;
type TrendRow = Overview["trend"][number];

export const COVERAGE_GOAL = "0.80";
export const UTILIZATION_GOAL = "0.95";
export const EXPIRY_WINDOW_DAYS = 90;

const SERIES = [
  { key: "reservation_coverage", label: "Reservation coverage", field: "reservationCoverage", goal: COVERAGE_GOAL },
  { key: "savings_plan_coverage", label: "Savings Plans coverage", field: "savingsPlanCoverage", goal: COVERAGE_GOAL },
  { key: "reservation_utilization", label: "Reservation utilization", field: "reservationUtilization", goal: UTILIZATION_GOAL },
  { key: "savings_plan_utilization", label: "Savings Plans utilization", field: "savingsPlanUtilization", goal: UTILIZATION_GOAL },
] as const;

/**
 * A period's value as a share: a month's is Cost Explorer's percentage / 100; a longer period's is
 * Σ covered / Σ total (Σ used / Σ purchased) over its months, so a month with more hours weighs more.
 */
function periodValue(trend: readonly TrendRow[], period: ReviewPeriod, field: (typeof SERIES)[number]["field"]): string | null {
  const rows = period.months.map((m) => trend.find((t) => t.month === m)).filter((t): t is TrendRow => t !== undefined);
  if (period.months.length === 1) {
    const value = rows[0]?.[field];
    return value === null || value === undefined ? null : new Decimal(value).div(100).toDecimalPlaces(6).toString();
  }
  const bases = rows.map((t) => t.basis[field]).filter((b) => b !== null);
  const whole = bases.reduce((sum, b) => sum.plus(b.whole), new Decimal(0));
  return whole.isZero() ? null : bases.reduce((sum, b) => sum.plus(b.part), new Decimal(0)).div(whole).toDecimalPlaces(6).toString();
}

export function commitmentSection(overview: Overview, periods: readonly ReviewPeriod[]): CommitmentsSection {
  if (!overview.costExplorerRun || !overview.trend.length) {
    return { status: "no_data", note: "No commitments data yet: run the commitments sync (Cost Explorer) to see reservation and Savings Plans coverage here." };
  }
  const period = periods.at(-1)!;
  const metrics: ReviewMetric[] = SERIES.map((s) =>
    reviewMetric({
      key: s.key, label: s.label, unitLabel: s.key.endsWith("coverage") ? "of eligible usage covered" : "of the commitment used", format: "ratio", direction: "higher_is_better",
      goal: { value: s.goal, source: "Tallyboard default" },
      trend: periods.map((p) => ({ period: p.label, value: periodValue(overview.trend, p, s.field) })),
      source: period.months.length === 1 ? `GET /api/commitments (trend[].${s.field} / 100)` : `GET /api/commitments (Σ trend[].basis.${s.field}.part / Σ whole over the months)`,
      note: "company-wide",
    }),
  );
  const until = addDays(period.to, EXPIRY_WINDOW_DAYS);
  const expiring = overview.inventory
    .filter((c) => c.end !== null && c.end > period.to && c.end <= until)
    .sort((a, b) => a.end!.localeCompare(b.end!))
    .map((c) => ({ commitmentId: c.id, label: c.label, end: c.end!, monthlyOnDemandEquivalent: c.monthlyOnDemandEquivalent, monthlyCostIncreaseAtExpiry: c.monthlyCostIncreaseAtExpiry }));
  return { status: "ready", note: null, metrics, expiring: { from: addDays(period.to, 1), to: until, commitments: expiring } };
}

/** A team's, group's or org's review: commitments are bought and shared by the whole company, so
 *  their coverage and the ones ending soon belong to the company review, not to a part of it. */
export function companyWideCommitments(): CommitmentsSection {
  return { status: "company_wide", note: "Reservations and Savings Plans are bought and shared company-wide: their coverage, utilization and expirations are in the company review." };
}
