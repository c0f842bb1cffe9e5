// Forecast against budget and the over-budget rule ("no team spends more than 2% over its monthly
// budget without an explicit approval"). Pure: decimal strings in and out.
import Decimal from "decimal.js";
import { ratio } from "../../db/queries/ratio";

export const DEFAULT_THRESHOLD = "0.02";

export type BudgetStatus = "no-budget" | "no-forecast" | "within" | "over-needs-approval" | "over-approved";

export interface BudgetVariance {
  /** forecast - budget; null without a budget or a forecast. */
  varianceUsd: string | null;
  /** variance / budget; null when the budget is zero (never Infinity) or either is missing. */
  varianceRatio: string | null;
  status: BudgetStatus;
  needsApproval: boolean;
}

/**
 * Over the threshold = the forecast exceeds the budget by strictly more than threshold x budget
 * (exactly at the threshold is within). A zero budget has no ratio: any positive forecast is over it.
 */
export function budgetVariance(input: { budgetUsd: string | null; forecastUsd: string | null; threshold?: string; approved?: boolean }): BudgetVariance {
  const { budgetUsd, forecastUsd } = input;
  if (budgetUsd === null) return { varianceUsd: null, varianceRatio: null, status: "no-budget", needsApproval: false };
  if (forecastUsd === null) return { varianceUsd: null, varianceRatio: null, status: "no-forecast", needsApproval: false };
  const variance = new Decimal(forecastUsd).minus(budgetUsd);
  const budget = new Decimal(budgetUsd);
  const threshold = new Decimal(input.threshold ?? DEFAULT_THRESHOLD);
  const over = budget.isZero() ? variance.gt(0) : variance.gt(budget.abs().times(threshold));
  const status: BudgetStatus = !over ? "within" : input.approved ? "over-approved" : "over-needs-approval";
  return {
    varianceUsd: variance.toFixed(2),
    varianceRatio: ratio(variance.toString(), budget.abs().toString()),
    status,
    needsApproval: over,
  };
}

/**
 * Largest overrun first by variance ratio. A zero budget with spend has no ratio but is over without
 * limit, so it leads (by $); rows without a budget or forecast go last; ties by team id.
 */
export function byVariance<T extends { teamId: string; varianceUsd: string | null; varianceRatio: string | null }>(a: T, b: T): number {
  const group = (row: T) => (row.varianceUsd === null ? 2 : row.varianceRatio === null && new Decimal(row.varianceUsd).gt(0) ? 0 : 1);
  const value = (row: T) => new Decimal((group(row) === 0 ? row.varianceUsd : row.varianceRatio) ?? 0);
  return group(a) - group(b) || value(b).comparedTo(value(a)) || a.teamId.localeCompare(b.teamId);
}
