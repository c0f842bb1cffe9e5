// A business review of one scope and period: headline metrics (each with value, goal and trend),
// movers, nudges and wins, a summary written from the numbers, and blank sections for the author.
import type { DbOrTx } from "../../db/client";
import type { Measure } from "../../db/queries/measure";
import { getFirstBilledMonth, getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { treeDayOf } from "../budgets/budget-review";
import { billedSpan, previousPeriod, trailingPeriods, type ReviewPeriod, type ReviewScope } from "../../db/domain/review-period";
import { resolveScope } from "./review-scope";
import type { ReviewDocument, ReviewMetric } from "../../db/domain/review-model";
import { reviewMetric } from "./review-metric";
import { ADHERENCE_GOAL, budgetByPeriod, budgetStatus, spendByPeriod, trendOf } from "./spend-metrics";
import { overheadByPeriod, unitCostByPeriod } from "./efficiency-metrics";
import { getReviewMovers } from "./review-movers";
import { getReviewNudges, getReviewWins } from "./nudges-and-wins";
import { authorSections, summarise } from "./review-summary";
import { getCommitmentsOverview } from "../commitments/get-commitments";
import { commitmentSection, companyWideCommitments } from "./commitment-section";

export const TREND_PERIODS = { month: 12, quarter: 4 } as const;
/** The share of the bill with an owner that a review holds the company to, absent a goal of its own. */
export const SHARE_ATTRIBUTED_GOAL = "0.95";

export interface ReviewRequest {
  scope: ReviewScope;
  period: ReviewPeriod;
  measure: Measure;
}

export async function buildReview(db: DbOrTx, request: ReviewRequest, now = new Date()): Promise<ReviewDocument> {
  const { period, measure } = request;
  const [lastDay, firstMonth] = await Promise.all([getLastCompleteBillingDay(db), getFirstBilledMonth(db)]);
  const scope = await resolveScope(db, request.scope, treeDayOf(period.months.at(-1)!, lastDay));
  // Periods before the first billed month would read as zero spend, not as missing data.
  const periods = trailingPeriods(period, TREND_PERIODS[period.kind]).filter((p, i, all) => i === all.length - 1 || (firstMonth !== null && p.months.at(-1)! >= firstMonth));
  const span = billedSpan(period, lastDay);

  const spend = await spendByPeriod(db, scope, periods, measure, lastDay);
  const budget = await budgetByPeriod(db, scope, periods, measure);
  const unit = await unitCostByPeriod(db, scope, periods, measure, lastDay);
  const overhead = await overheadByPeriod(db, scope, periods, measure, lastDay);
  const company = scope.kind === "company";
  const budgetSource = `GET /api/budgets/review?month=<month>&measure=${measure} (${scope.kind === "team" ? "teams" : company ? "sum of teams" : "units"}: forecast / budgetUsd)`;

  const spendMetric = reviewMetric({
    key: "spend", label: "Spend", unitLabel: "attributed cost", format: "usd", direction: "lower_is_better",
    goal: budget.at(-1)?.budget ? { value: budget.at(-1)!.budget!, source: "budget (over it when the forecast is more than 2% above)" } : null,
    trend: trendOf(spend, (p) => p.spend),
    source: company ? `GET /api/overview?measure=${measure} (months[].total)` : `GET /api/org?from=<first day>&to=<last day>&measure=${measure} (units[id=${scope.id}].amount)`,
    note: span && !span.complete ? `to ${span.to}` : null,
  });
  const adherence = reviewMetric({
    key: "budget_adherence", label: "Budget adherence", unitLabel: "forecast as a share of budget", format: "ratio", direction: "lower_is_better",
    goal: { value: ADHERENCE_GOAL, source: "the 2% over-budget rule" },
    trend: trendOf(budget, (p) => p.adherence),
    source: budgetSource,
    note: span && !span.complete ? "month-end forecast" : null,
  });
  const metrics: ReviewMetric[] = [
    // Both statuses by the budget review's rule: spend and adherence never disagree.
    { ...spendMetric, status: spendMetric.value === null ? "no_value" : budgetStatus(budget.at(-1), spendMetric.value) },
    { ...adherence, status: adherence.value === null ? "no_value" : budgetStatus(budget.at(-1)) },
    // A part without operations of its own has no unit cost (not the company's).
    ...(unit
      ? [
          reviewMetric({
            key: "unit_cost", label: `Cost per ${unit.n.toLocaleString("en-US")} ${unit.metric?.replaceAll("_", " ") ?? "operations"}`, unitLabel: "production cost per operations", format: "usd", direction: "lower_is_better",
            // The goal is the company's (all production cost per operation): a part of it has none.
            goal: unit.goal && company ? { value: unit.goal, source: "goals" } : null,
            trend: unit.trend,
            source: unit.source,
            note: company ? null : "the scope's production cost over its own operations",
          }),
        ]
      : []),
    reviewMetric({
      key: "engineer_overhead", label: "Overhead per engineer", unitLabel: "per engineer per month", format: "usd", direction: "lower_is_better",
      goal: overhead.goal ? { value: overhead.goal, source: "goals" } : null,
      trend: overhead.trend,
      source: overhead.source,
      note: span && !span.complete ? "complete months only" : null,
    }),
    reviewMetric({
      key: "share_attributed", label: "Share attributed", unitLabel: "of the bill with an owner", format: "ratio", direction: "higher_is_better",
      goal: { value: SHARE_ATTRIBUTED_GOAL, source: "Tallyboard default" },
      trend: trendOf(spend, (p) => p.shareAttributed),
      source: `GET /api/overview?measure=${measure} (months[].shareAttributed)`,
      note: company ? null : "company-wide",
    }),
  ];
  const [movers, nudges, wins, commitments] = await Promise.all([
    getReviewMovers(db, scope.teamIds, period, measure, lastDay),
    getReviewNudges(db, scope.teamIds),
    getReviewWins(db, scope.teamIds, period.to, measure),
    company ? getCommitmentsOverview(db) : null,
  ]);
  const base = {
    version: 1 as const,
    title: `Business review: ${scope.name}, ${period.label}`,
    scope,
    period: { ...period, complete: span?.complete ?? false, billedThrough: span?.to ?? null, previous: previousPeriod(period).label },
    measure,
    lastCompleteBillingDay: lastDay,
    generatedAt: now.toISOString(),
    metrics,
    movers,
    nudges,
    wins,
    commitments: commitments ? commitmentSection(commitments, periods) : companyWideCommitments(),
    authorSections: authorSections(),
  };
  return { ...base, summary: summarise(base) };
}
