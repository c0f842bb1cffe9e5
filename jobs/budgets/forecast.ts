// Month-end forecast of one team's spend: pure, no I/O, decimal strings in and out.
//
// Method (stated for the review meeting):
// 1. Actual to date = the month's days through the last complete billing day (never a half-billed day).
// 2. Weekday seasonality from the previous 8 weeks (56 days ending on the last complete day), split
//    into 8 seven-day blocks: a weekday's factor = the mean over blocks of (its day / the block's daily
//    mean). Blocks whose total is zero are skipped; fewer than 2 usable blocks -> every factor is 1.
//    Per-block ratios keep a step change from distorting more than the one block it falls in.
// 3. Run-rate level = the mean of the last 14 complete days, each divided by its weekday factor.
// 4. Each remaining day of the month = level x its weekday factor; forecast = actual to date + their sum.
// 5. Range: s = the standard deviation of the last 14 days' residuals (day - level x factor). With R
//    remaining days and N = 14, the month-end error has variance R*s^2 (daily noise) + (R*s)^2/N (the
//    level's own error, which persists over every remaining day); the range is +/- 1.645 of its root
//    (~90% if residuals were independent and normal). A closed month has no range: it is the actual.
// Too little history (fewer than 7 complete days in the window) and an open month -> no forecast.
import Decimal from "decimal.js";
import { addDays, daysBetween, lastDayOfMonth } from "../../db/calendar";

export const RUN_RATE_DAYS = 14;
export const SEASONALITY_WEEKS = 8;
const MIN_DAYS = 7;
const Z_90 = new Decimal("1.645");

/** The method in a sentence, for the review and the nudge that quote a forecast. */
export const FORECAST_METHOD =
  `Actual through the last complete billing day, plus a run-rate of the last ${RUN_RATE_DAYS} complete days ` +
  `with weekday seasonality from the previous ${SEASONALITY_WEEKS} weeks; the range (~90%) comes from the spread of daily residuals.`;

export interface DailyAmount {
  day: string; // YYYY-MM-DD
  amount: string; // decimal string
}

export interface ForecastInput {
  month: string; // YYYY-MM
  /** The newest day whose billing is complete; null before the first sync. */
  lastCompleteDay: string | null;
  /** Daily spend; days missing from the list count as zero. Days after lastCompleteDay are ignored. */
  daily: readonly DailyAmount[];
}

export interface Forecast {
  month: string;
  actualToDate: string;
  daysElapsed: number;
  daysInMonth: number;
  /** null when there is too little history to project an open month. */
  forecast: string | null;
  low: string | null;
  high: string | null;
  complete: boolean;
  /** The weekday factors used, Sunday first (all "1" when there was no usable seasonality). */
  weekdayFactors: string[];
}

const cents = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** Forecast of the month's total; a month already complete is its own forecast. */
export function forecastMonth(input: ForecastInput): Forecast {
  const monthStart = `${input.month}-01`;
  const monthEnd = lastDayOfMonth(input.month);
  const daysInMonth = daysBetween(monthStart, monthEnd).length;
  const last = input.lastCompleteDay;
  const byDay = new Map<string, Decimal>();
  for (const { day, amount } of input.daily) if (last !== null && day <= last) byDay.set(day, (byDay.get(day) ?? new Decimal(0)).plus(amount));
  const amountOn = (day: string) => byDay.get(day) ?? new Decimal(0);

  const elapsedDays = last === null || last < monthStart ? [] : daysBetween(monthStart, last < monthEnd ? last : monthEnd);
  const actual = elapsedDays.reduce((sum, day) => sum.plus(amountOn(day)), new Decimal(0));
  const base = { month: input.month, actualToDate: cents(actual), daysElapsed: elapsedDays.length, daysInMonth };
  if (elapsedDays.length === daysInMonth) {
    return { ...base, forecast: cents(actual), low: cents(actual), high: cents(actual), complete: true, weekdayFactors: Array(7).fill("1") };
  }

  const firstKnown = [...byDay.keys()].sort()[0];
  const history = last === null || firstKnown === undefined ? [] : daysBetween(addDays(last, -(SEASONALITY_WEEKS * 7 - 1)), last).filter((day) => day >= firstKnown);
  const factors = weekdayFactors(history, amountOn);
  const recent = history.slice(-RUN_RATE_DAYS);
  if (recent.length < MIN_DAYS) return { ...base, forecast: null, low: null, high: null, complete: false, weekdayFactors: factors.map((f) => f.toString()) };

  // Weekdays that never bill (factor 0) say nothing about the level; they are projected as zero.
  const levelDays = recent.filter((day) => factors[weekday(day)]!.gt(0));
  const level = levelDays.length === 0 ? new Decimal(0) : levelDays.reduce((sum, day) => sum.plus(amountOn(day).div(factors[weekday(day)]!)), new Decimal(0)).div(levelDays.length);
  const remaining = daysBetween(elapsedDays.length === 0 ? monthStart : addDays(last!, 1), monthEnd);
  const projected = remaining.reduce((sum, day) => sum.plus(level.times(factors[weekday(day)]!)), new Decimal(0));
  const forecast = actual.plus(projected);

  const residuals = recent.map((day) => amountOn(day).minus(level.times(factors[weekday(day)]!)));
  const spread = standardDeviation(residuals);
  const r = remaining.length;
  const halfWidth = Z_90.times(spread.pow(2).times(r).plus(spread.times(r).pow(2).div(recent.length)).sqrt());
  return {
    ...base,
    forecast: cents(forecast),
    low: cents(forecast.minus(halfWidth)),
    high: cents(forecast.plus(halfWidth)),
    complete: false,
    weekdayFactors: factors.map((f) => f.toDecimalPlaces(4).toString()),
  };
}

/** Factor per weekday (Sunday = 0) from whole 7-day blocks ending on the window's last day. */
export function weekdayFactors(window: readonly string[], amountOn: (day: string) => Decimal): Decimal[] {
  const sums = Array.from({ length: 7 }, () => new Decimal(0));
  let blocks = 0;
  for (let end = window.length; end - 7 >= 0; end -= 7) {
    const block = window.slice(end - 7, end);
    const mean = block.reduce((sum, day) => sum.plus(amountOn(day)), new Decimal(0)).div(7);
    if (mean.isZero()) continue;
    for (const day of block) sums[weekday(day)] = sums[weekday(day)]!.plus(amountOn(day).div(mean));
    blocks += 1;
  }
  if (blocks < 2) return Array.from({ length: 7 }, () => new Decimal(1));
  // Credits can push a weekday below zero; a negative factor would flip the sign of a projection.
  return sums.map((sum) => Decimal.max(sum.div(blocks), 0));
}

function standardDeviation(values: readonly Decimal[]): Decimal {
  if (values.length < 2) return new Decimal(0);
  const mean = values.reduce((sum, v) => sum.plus(v), new Decimal(0)).div(values.length);
  return values.reduce((sum, v) => sum.plus(v.minus(mean).pow(2)), new Decimal(0)).div(values.length - 1).sqrt();
}
