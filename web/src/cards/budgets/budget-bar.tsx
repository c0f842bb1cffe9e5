// One glance per team: spent so far (solid), forecast to month end (light, with its range as a
// whisker) against the budget (dark tick) and the approval line (dashed tick).
import Decimal from "decimal.js";

export interface BudgetBarProps {
  actual: string;
  forecast: string | null;
  low: string | null;
  high: string | null;
  budget: string | null;
  threshold: string;
  over: boolean;
}

export function BudgetBar({ actual, forecast, low, high, budget, threshold, over }: BudgetBarProps) {
  const limit = budget === null ? null : new Decimal(budget).times(new Decimal(1).plus(threshold));
  const scale = Decimal.max(1, actual, forecast ?? 0, high ?? 0, limit ?? 0).times("1.04");
  // Display only: percentages of the bar's width.
  const pct = (value: string | Decimal) => `${Decimal.max(0, Decimal.min(100, new Decimal(value).div(scale).times(100))).toFixed(2)}%`;
  return (
    <div className={`budget-bar ${over ? "budget-bar-over" : ""}`} aria-hidden="true">
      {forecast !== null ? <span className="budget-bar-forecast" style={{ width: pct(forecast) }} /> : null}
      <span className="budget-bar-actual" style={{ width: pct(actual) }} />
      {low !== null && high !== null ? <span className="budget-bar-range" style={{ left: pct(low), width: `calc(${pct(high)} - ${pct(low)})` }} /> : null}
      {budget !== null ? <span className="budget-bar-budget" style={{ left: pct(budget) }} /> : null}
      {limit !== null && !limit.equals(budget ?? 0) ? <span className="budget-bar-limit" style={{ left: pct(limit) }} /> : null}
    </div>
  );
}
