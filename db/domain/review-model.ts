// The business review as a typed document: what every renderer (Markdown, HTML, PDF), the API,
// the page and the stored snapshot share. Money and ratios are decimal strings.
import type { ReviewPeriod, ReviewScope } from "./review-period";

export type MetricFormat = "usd" | "ratio";
export type MetricKey =
  | "spend" | "budget_adherence" | "unit_cost" | "engineer_overhead" | "share_attributed"
  | "reservation_coverage" | "savings_plan_coverage" | "reservation_utilization" | "savings_plan_utilization";

export interface ReviewTrendPoint {
  period: string;
  value: string | null;
}

/** A well-formed metric: current value, the goal, the trend over time. */
export interface ReviewMetric {
  key: MetricKey;
  label: string;
  /** "per 10,000 searches", "of budget"... */
  unitLabel: string;
  format: MetricFormat;
  /** Whether a value above the goal is bad (spend, unit cost) or good (share attributed). */
  direction: "lower_is_better" | "higher_is_better";
  value: string | null;
  goal: { value: string; source: string } | null;
  status: "on_target" | "off_target" | "no_goal" | "no_value";
  /** Change from the previous period's value; ratio absent when the base is zero. */
  change: { amount: string; ratio: string | null } | null;
  trend: ReviewTrendPoint[];
  /** Where the number comes from: the API call that returns it for the same scope and period. */
  source: string;
  note: string | null;
}

export interface Mover {
  key: string;
  name: string;
  current: string;
  previous: string;
  changeUsd: string;
  /** This mover's change / the total change of the scope; absent when that is zero. */
  shareOfChange: string | null;
}

export interface ReviewNudge {
  id: number;
  teamId: string;
  title: string;
  rule: string;
  monthlyAtStake: string;
  status: string;
}

export interface ReviewWin {
  id: number;
  teamId: string;
  title: string;
  shippedOn: string;
  realizedMonthlySavings: string | null;
}

export interface ExpiringCommitment {
  commitmentId: string;
  label: string;
  end: string;
  /** What its usage costs a month at on-demand rates once it ends, and the bill's rise. */
  monthlyOnDemandEquivalent: string;
  monthlyCostIncreaseAtExpiry: string;
}

/** RI/SP coverage and utilization; "no_data" before the first commitments sync; "pending" in reviews saved before it existed;
 *  "company_wide" in a team's, group's or org's review (commitments are the company's). */
export type CommitmentsSection =
  | { status: "pending" | "no_data" | "company_wide"; note: string }
  | { status: "ready"; note: null; metrics: ReviewMetric[]; expiring: { from: string; to: string; commitments: ExpiringCommitment[] } };

export const commitmentMetrics = (section: CommitmentsSection): ReviewMetric[] => (section.status === "ready" ? section.metrics : []);

export interface AuthorSection {
  key: string;
  title: string;
  prompt: string;
  body: string;
}

export interface ReviewDocument {
  version: 1;
  title: string;
  scope: ReviewScope & { name: string; teamIds: string[] };
  period: ReviewPeriod & { complete: boolean; billedThrough: string | null; previous: string };
  measure: string;
  lastCompleteBillingDay: string | null;
  generatedAt: string;
  metrics: ReviewMetric[];
  movers: { comparedWith: { from: string; to: string } | null; totalChangeUsd: string; services: Mover[]; accounts: Mover[] };
  nudges: { open: ReviewNudge[]; monthlyAtStake: string };
  wins: { verified: ReviewWin[]; realizedMonthlySavings: string };
  commitments: CommitmentsSection;
  summary: { changed: string[]; atRisk: string[] };
  authorSections: AuthorSection[];
  /** On a saved review read back: what the live numbers now say differently (a restated bill). */
  restatement?: { savedAt: string; summary: string; figures: string[] } | null;
}
