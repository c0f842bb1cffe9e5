// Inflection in a monthly series: quarter-over-quarter growth that changed by more than a threshold.
// Quarters are counted back from the last month, so the newest quarter is always whole.
import Decimal from "decimal.js";

export interface MonthAmount {
  month: string;
  amount: string | null;
}

export interface QuarterGrowth {
  /** First and last month of the quarter. */
  start: string;
  end: string;
  total: string;
  /** total / previous total - 1; null for the first quarter or when the previous total is zero. */
  growth: string | null;
}

export interface Inflection {
  /** The first month of the quarter whose growth changed. */
  month: string;
  growthBefore: string;
  growthAfter: string;
  direction: "accelerating" | "decelerating";
}

/** Growth change (in points of growth rate) that counts as an inflection: 5 percentage points. */
export const INFLECTION_THRESHOLD = "0.05";

/** Whole quarters of three consecutive months, oldest first; months with no amount end the run. */
export function quarterlyGrowth(series: readonly MonthAmount[]): QuarterGrowth[] {
  const months = [...series].sort((a, b) => a.month.localeCompare(b.month));
  let firstKnown = months.length;
  while (firstKnown > 0 && months[firstKnown - 1]!.amount !== null) firstKnown -= 1;
  const known = months.slice(firstKnown);
  const quarters: QuarterGrowth[] = [];
  for (let end = known.length; end - 3 >= 0; end -= 3) {
    const slice = known.slice(end - 3, end);
    const total = slice.reduce((sum, m) => sum.plus(m.amount!), new Decimal(0));
    quarters.unshift({ start: slice[0]!.month, end: slice[2]!.month, total: total.toString(), growth: null });
  }
  for (let i = 1; i < quarters.length; i += 1) {
    const before = new Decimal(quarters[i - 1]!.total);
    quarters[i]!.growth = before.isZero() ? null : new Decimal(quarters[i]!.total).div(before).minus(1).toDecimalPlaces(6).toString();
  }
  return quarters;
}

/** Every quarter whose growth rate differs from the quarter before's by at least the threshold. */
export function detectInflections(series: readonly MonthAmount[], threshold: string = INFLECTION_THRESHOLD): Inflection[] {
  const quarters = quarterlyGrowth(series);
  const inflections: Inflection[] = [];
  for (let i = 1; i < quarters.length; i += 1) {
    const before = quarters[i - 1]!.growth;
    const after = quarters[i]!.growth;
    if (before === null || after === null) continue;
    const delta = new Decimal(after).minus(before);
    if (delta.abs().lt(threshold)) continue;
    inflections.push({ month: quarters[i]!.start, growthBefore: before, growthAfter: after, direction: delta.isPositive() ? "accelerating" : "decelerating" });
  }
  return inflections;
}
