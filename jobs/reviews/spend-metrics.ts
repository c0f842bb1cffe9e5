// Spend, budget adherence and share attributed of a scope per period, from the same functions the
// API answers with: the org roll-up (/api/org, /api/overview) and the budget review (/api/budgets/review).
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import type { Measure } from "../../db/queries/measure";
import { getOrgRollup } from "../../db/queries/org-rollup";
import { ratio } from "../../db/queries/ratio";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { getBudgetReview } from "../budgets/budget-review";
import { budgetVariance, DEFAULT_THRESHOLD } from "../budgets/variance";
import { billedSpan, type ReviewPeriod } from "../../db/domain/review-period";
import type { ResolvedScope } from "./review-scope";
import { sumOrNull } from "./review-metric";
import type { ReviewMetric, ReviewTrendPoint } from "../../db/domain/review-model";

export interface SpendPoint {
  period: string;
  spend: string | null;
  /** attributed / total of the whole company in the period. */
  shareAttributed: string | null;
}

/** The scope's spend per period: its unit's amount in the org roll-up (the company: every team's). */
export async function spendByPeriod(db: DbOrTx, scope: ResolvedScope, periods: readonly ReviewPeriod[], measure: Measure, lastDay: string | null): Promise<SpendPoint[]> {
  const points: SpendPoint[] = [];
  for (const period of periods) {
    const span = billedSpan(period, lastDay);
    if (!span) {
      points.push({ period: period.label, spend: null, shareAttributed: null });
      continue;
    }
    const units = await getOrgRollup(db, { from: span.from, to: span.to, measure });
    const teamRows = units.filter((u) => u.kind === "team");
    const total = teamRows.reduce((sum, u) => sum.plus(u.amount), new Decimal(0));
    const unattributed = new Decimal(teamRows.find((u) => u.id === UNATTRIBUTED_TEAM_ID)?.amount ?? 0);
    const own = scope.kind === "company" ? total : new Decimal(units.find((u) => u.id === scope.id)?.amount ?? 0);
    points.push({ period: period.label, spend: own.toString(), shareAttributed: ratio(total.minus(unattributed).toString(), total.toString()) });
  }
  return points;
}

export interface BudgetPoint {
  period: string;
  budget: string | null;
  /** Month-end forecast (a closed month's actual) summed over the period's months. */
  forecast: string | null;
  /** forecast / budget. */
  adherence: string | null;
}

/** Budget and forecast of the scope per period, read from the budget review of each month. */
export async function budgetByPeriod(db: DbOrTx, scope: ResolvedScope, periods: readonly ReviewPeriod[], measure: Measure): Promise<BudgetPoint[]> {
  const points: BudgetPoint[] = [];
  for (const period of periods) {
    const months = await Promise.all(period.months.map((month) => getBudgetReview(db, { month, measure, threshold: DEFAULT_THRESHOLD })));
    const figures = months.map((review) => {
      if (scope.kind === "team") {
        const row = review.teams.find((t) => t.teamId === scope.id);
        return { budget: row?.budgetUsd ?? null, forecast: row?.forecast ?? null };
      }
      if (scope.kind === "company") return { budget: sumOrNull(review.teams.map((t) => t.budgetUsd)), forecast: sumOrNull(review.teams.map((t) => t.forecast)) };
      const unit = review.units.find((u) => u.id === scope.id);
      return { budget: unit?.budgetUsd ?? null, forecast: unit?.forecast ?? null };
    });
    const budget = sumOrNull(figures.map((f) => f.budget));
    const forecast = figures.some((f) => f.forecast === null) ? null : sumOrNull(figures.map((f) => f.forecast));
    points.push({ period: period.label, budget, forecast, adherence: budget !== null && forecast !== null ? ratio(forecast, budget) : null });
  }
  return points;
}

export const trendOf = <T extends { period: string }>(points: readonly T[], value: (p: T) => string | null): ReviewTrendPoint[] =>
  points.map((p) => ({ period: p.period, value: value(p) }));

/** Forecast / budget above which a scope is over budget: the budget review's rule (2% over). */
export const ADHERENCE_GOAL = new Decimal(1).plus(DEFAULT_THRESHOLD).toString();

/**
 * Over or within budget by the budget review's own rule (budgetVariance: the forecast more than 2%
 * over budget; any spend over a zero budget), for both spend and adherence, so a review never shows
 * spend "off target" beside adherence "on target". Without a forecast the spend stands in for it.
 */
export function budgetStatus(point: BudgetPoint | undefined, spend: string | null = null): ReviewMetric["status"] {
  const forecast = point?.forecast ?? spend;
  if (forecast === null) return "no_value";
  if (!point?.budget) return "no_goal";
  return budgetVariance({ budgetUsd: point.budget, forecastUsd: forecast }).needsApproval ? "off_target" : "on_target";
}
