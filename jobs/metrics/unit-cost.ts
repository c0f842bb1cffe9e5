// Infrastructure dollars per N product operations, per day and per month. Cost and volume are keyed
// by the same UTC day strings and both stop at the last complete billing day, so a day whose bill is
// still arriving never shows as a drop in unit cost.
import Decimal from "decimal.js";
import { daysBetween, lastDayOfMonth, monthOf } from "../../db/calendar";

export const DEFAULT_UNIT_N = 10_000;
/** Below this many operations in a period the ratio says more about noise than about cost. */
export const DEFAULT_MIN_VOLUME = 1_000;

export interface UnitCostOptions {
  n?: number;
  minVolume?: number;
}

export interface UnitCostPoint {
  period: string; // YYYY-MM-DD for days, YYYY-MM for months
  cost: string;
  volume: string;
  /** cost / volume x N to 6 places; null where volume is zero, missing or below the minimum. */
  value: string | null;
  /** False for a month that runs past the last complete billing day (a month to date). */
  complete: boolean;
}

/** cost / volume x n, or null when the volume cannot carry a ratio. Never Infinity or NaN. */
export function unitCost(cost: string, volume: string, options: UnitCostOptions = {}): string | null {
  const n = options.n ?? DEFAULT_UNIT_N;
  const minVolume = options.minVolume ?? DEFAULT_MIN_VOLUME;
  const count = new Decimal(volume);
  if (!count.isFinite() || count.lte(0) || count.lt(minVolume)) return null;
  return new Decimal(cost).times(n).div(count).toDecimalPlaces(6).toString();
}

export interface UnitCostWindow {
  from: string;
  to: string;
  /** Days after it are left out of cost and volume alike. */
  lastCompleteDay: string;
}

/** One point per day of the window (through the last complete day), zero-filled. */
export function dailyUnitCosts(
  costByDay: ReadonlyMap<string, string>,
  volumeByDay: ReadonlyMap<string, string>,
  window: UnitCostWindow,
  options: UnitCostOptions = {},
): UnitCostPoint[] {
  const end = window.to < window.lastCompleteDay ? window.to : window.lastCompleteDay;
  return daysBetween(window.from, end).map((day) => {
    const cost = costByDay.get(day) ?? "0";
    const volume = volumeByDay.get(day) ?? "0";
    return { period: day, cost, volume, value: unitCost(cost, volume, options), complete: true };
  });
}

/** One point per calendar month the window touches, summing only days through the last complete day. */
export function monthlyUnitCosts(
  costByDay: ReadonlyMap<string, string>,
  volumeByDay: ReadonlyMap<string, string>,
  window: UnitCostWindow,
  options: UnitCostOptions = {},
): UnitCostPoint[] {
  const months = new Map<string, { cost: Decimal; volume: Decimal }>();
  for (const day of dailyUnitCosts(costByDay, volumeByDay, window, options)) {
    const month = monthOf(day.period);
    const sum = months.get(month) ?? { cost: new Decimal(0), volume: new Decimal(0) };
    months.set(month, { cost: sum.cost.plus(day.cost), volume: sum.volume.plus(day.volume) });
  }
  return [...months].map(([month, sum]) => ({
    period: month,
    cost: sum.cost.toString(),
    volume: sum.volume.toString(),
    value: unitCost(sum.cost.toString(), sum.volume.toString(), options),
    complete: lastDayOfMonth(month) <= window.lastCompleteDay,
  }));
}
