// The month-end forecast on crafted series: flat, step changes, weekly seasonality, zero baselines,
// a month with no days yet, too little history, and closed months.
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { daysBetween } from "../../db/calendar";
import { forecastMonth, type DailyAmount } from "../../jobs/budgets/forecast";

/** A daily series from `from` to `to` with the amount a function of the day. */
const series = (from: string, to: string, amount: (day: string) => number | string): DailyAmount[] =>
  daysBetween(from, to).map((day) => ({ day, amount: String(amount(day)) }));
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
const weekly = (day: string) => (isWeekend(day) ? 20 : 100);
const sumOf = (from: string, to: string, amount: (day: string) => number) => daysBetween(from, to).reduce((s, d) => s + amount(d), 0).toFixed(2);

describe("forecastMonth: point forecasts", () => {
  const cases: { name: string; month: string; last: string | null; daily: DailyAmount[]; actual: string; forecast: string | null; elapsed: number; complete?: boolean }[] = [
    { name: "flat 100/day, 10 days in", month: "2026-03", last: "2026-03-10", daily: series("2025-12-01", "2026-03-10", () => 100), actual: "1000.00", forecast: "3100.00", elapsed: 10 },
    { name: "weekly seasonality (weekdays 100, weekends 20) is projected exactly", month: "2026-03", last: "2026-03-10", daily: series("2025-12-01", "2026-03-10", weekly), actual: sumOf("2026-03-01", "2026-03-10", weekly), forecast: sumOf("2026-03-01", "2026-03-31", weekly), elapsed: 10 },
    { name: "zero baseline forecasts zero", month: "2026-03", last: "2026-03-10", daily: series("2025-12-01", "2026-03-10", () => 0), actual: "0.00", forecast: "0.00", elapsed: 10 },
    { name: "month start with no days yet: the whole month from history", month: "2026-03", last: "2026-02-28", daily: series("2025-12-01", "2026-02-28", () => 100), actual: "0.00", forecast: "3100.00", elapsed: 0 },
    { name: "month start with weekly seasonality", month: "2026-03", last: "2026-02-28", daily: series("2025-12-01", "2026-02-28", weekly), actual: "0.00", forecast: sumOf("2026-03-01", "2026-03-31", weekly), elapsed: 0 },
    { name: "too little history (3 days) gives no forecast", month: "2026-03", last: "2026-03-03", daily: series("2026-03-01", "2026-03-03", () => 100), actual: "300.00", forecast: null, elapsed: 3 },
    { name: "before the first sync there is nothing", month: "2026-03", last: null, daily: [], actual: "0.00", forecast: null, elapsed: 0 },
    { name: "a closed month is its own forecast", month: "2026-02", last: "2026-03-10", daily: series("2026-02-01", "2026-03-10", (d) => (d < "2026-02-15" ? 100 : 300)), actual: "5600.00", forecast: "5600.00", elapsed: 28, complete: true },
    { name: "days after the last complete day are ignored (a half-billed day)", month: "2026-03", last: "2026-03-10", daily: [...series("2025-12-01", "2026-03-10", () => 100), { day: "2026-03-11", amount: "5" }], actual: "1000.00", forecast: "3100.00", elapsed: 10 },
  ];
  it.each(cases)("$name", ({ month, last, daily, actual, forecast, elapsed, complete }) => {
    const result = forecastMonth({ month, lastCompleteDay: last, daily });
    expect(result).toMatchObject({ actualToDate: actual, forecast, daysElapsed: elapsed, complete: complete ?? false });
  });
});

describe("forecastMonth: step changes and the range", () => {
  it("a step 3+ weeks ago: the run-rate is the new level (200/day), within 1%", () => {
    const daily = series("2025-12-01", "2026-03-10", (d) => (d < "2026-02-15" ? 100 : 200));
    const result = forecastMonth({ month: "2026-03", lastCompleteDay: "2026-03-10", daily });
    expect(new Decimal(result.forecast!).minus(6200).abs().lte(62)).toBe(true);
  });

  it("a step 6 days ago: between the old and the new run-rate, with a wider range", () => {
    const daily = series("2025-12-01", "2026-03-10", (d) => (d < "2026-03-05" ? 100 : 200));
    const result = forecastMonth({ month: "2026-03", lastCompleteDay: "2026-03-10", daily });
    const actual = 4 * 100 + 6 * 200;
    expect(result.actualToDate).toBe(actual.toFixed(2));
    expect(new Decimal(result.forecast!).gt(actual + 21 * 100)).toBe(true);
    expect(new Decimal(result.forecast!).lt(actual + 21 * 200)).toBe(true);
    expect(new Decimal(result.high!).minus(result.low!).gt(100)).toBe(true);
  });

  it("noise widens the range symmetrically around the forecast; a flat series has none", () => {
    const noisy = forecastMonth({ month: "2026-03", lastCompleteDay: "2026-03-10", daily: series("2025-12-01", "2026-03-10", (d) => 100 + (Number(d.slice(8)) % 3) * 10) });
    const flat = forecastMonth({ month: "2026-03", lastCompleteDay: "2026-03-10", daily: series("2025-12-01", "2026-03-10", () => 100) });
    expect(new Decimal(noisy.high!).minus(noisy.forecast!).toFixed(2)).toBe(new Decimal(noisy.forecast!).minus(noisy.low!).toFixed(2));
    expect(new Decimal(noisy.high!).gt(noisy.low!)).toBe(true);
    expect([flat.low, flat.high]).toEqual(["3100.00", "3100.00"]);
  });

  it("a weekday that never bills is projected as zero, not as the average day", () => {
    const noSundays = (d: string) => (new Date(`${d}T00:00:00Z`).getUTCDay() === 0 ? 0 : 70);
    const result = forecastMonth({ month: "2026-03", lastCompleteDay: "2026-03-10", daily: series("2025-12-01", "2026-03-10", noSundays) });
    expect(result.forecast).toBe(sumOf("2026-03-01", "2026-03-31", noSundays));
    expect(result.weekdayFactors[0]).toBe("0");
  });
});
