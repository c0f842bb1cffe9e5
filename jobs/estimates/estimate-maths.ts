// The estimate's arithmetic, pure: unit costs of comparable months, the monthly cost they imply for
// the expected operations (median, and the range from the cheapest to the dearest month), and the
// gap between an estimate and the actual cost after launch. Decimal strings in and out.
import Decimal from "decimal.js";

export interface EstimateRange {
  /** Per `n` operations. */
  unitMedian: string | null;
  unitLow: string | null;
  unitHigh: string | null;
  monthlyCost: string | null;
  low: string | null;
  high: string | null;
}

export function median(values: readonly Decimal[]): Decimal | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : sorted[middle - 1]!.plus(sorted[middle]!).div(2);
}

/** Unit costs (per n operations; nulls ignored) x the expected operations / n, to cents. */
export function estimateRange(unitCosts: readonly (string | null)[], operationsPerMonth: string, n: number): EstimateRange {
  const units = unitCosts.filter((u): u is string => u !== null).map((u) => new Decimal(u));
  const mid = median(units);
  if (mid === null) return { unitMedian: null, unitLow: null, unitHigh: null, monthlyCost: null, low: null, high: null };
  const low = Decimal.min(...units);
  const high = Decimal.max(...units);
  const monthly = (unit: Decimal) => unit.times(operationsPerMonth).div(n).toFixed(2);
  return { unitMedian: mid.toDecimalPlaces(6).toString(), unitLow: low.toString(), unitHigh: high.toString(), monthlyCost: monthly(mid), low: monthly(low), high: monthly(high) };
}

export interface MonthGap {
  month: string;
  actual: string;
  /** actual - estimate. */
  gap: string;
  /** gap / estimate; null when the estimate is zero. */
  gapRatio: string | null;
  withinRange: boolean;
}

export function estimateGap(estimate: { monthlyCost: string; low: string; high: string }, actuals: readonly { month: string; amount: string }[]): MonthGap[] {
  const point = new Decimal(estimate.monthlyCost);
  return actuals.map(({ month, amount }) => {
    const actual = new Decimal(amount);
    const gap = actual.minus(point);
    return {
      month,
      actual: actual.toFixed(2),
      gap: gap.toFixed(2),
      gapRatio: point.isZero() ? null : gap.div(point).toDecimalPlaces(6).toString(),
      withinRange: actual.gte(estimate.low) && actual.lte(estimate.high),
    };
  });
}
