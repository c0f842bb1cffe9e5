// Anomaly detection on daily spend against a seasonal baseline: the median of the same weekday over
// the previous weeks, so a team that always peaks on Mondays is not flagged every Monday. A day is an
// anomaly only past BOTH thresholds: spend above baseline by at least `minExcess` dollars, and (when
// the baseline is not zero) by at least `minRatio` of it. A zero baseline has no ratio: dollars decide.
import Decimal from "decimal.js";
import { addDays } from "../../db/calendar";

export interface AnomalyThresholds {
  /** Excess over baseline as a share of it (0.5 = 50% above). */
  minRatio: string;
  /** Excess over baseline in dollars per day. */
  minExcess: string;
  /** Same-weekday points the baseline takes (at most); fewer than `minWeeks` means no verdict. */
  baselineWeeks: number;
  minWeeks: number;
}

export const DEFAULT_ANOMALY_THRESHOLDS: AnomalyThresholds = { minRatio: "0.5", minExcess: "100", baselineWeeks: 8, minWeeks: 4 };

/** Daily amounts of one series; missing days count as zero (the series is filled). */
export interface DailySeries {
  teamId: string;
  /** null = the team's whole spend; else the service. */
  service: string | null;
  amounts: Map<string, string>;
}

export interface Anomaly {
  teamId: string;
  service: string | null;
  day: string;
  actual: string;
  baseline: string;
  excess: string;
  /** excess / baseline; null when the baseline is zero. */
  ratio: string | null;
  /** The same-weekday days the baseline was taken from, oldest first. */
  baselineDays: string[];
}

export function median(values: Decimal[]): Decimal {
  if (values.length === 0) return new Decimal(0);
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : sorted[middle - 1]!.plus(sorted[middle]!).div(2);
}

/** The baseline for `day`: the median of the same weekday 1..weeks weeks before, back to `firstDay`. */
export function seasonalBaseline(amounts: Map<string, string>, day: string, weeks: number, firstDay: string): { baseline: Decimal; days: string[] } {
  const days: string[] = [];
  for (let week = 1; week <= weeks; week++) {
    const earlier = addDays(day, -7 * week);
    if (earlier < firstDay) break;
    days.unshift(earlier);
  }
  return { baseline: median(days.map((d) => new Decimal(amounts.get(d) ?? "0"))), days };
}

/** The verdict on one day: an Anomaly, or null when either threshold is not passed (or history is too short). */
export function judgeDay(series: DailySeries, day: string, firstDay: string, thresholds: AnomalyThresholds = DEFAULT_ANOMALY_THRESHOLDS): Anomaly | null {
  const { baseline, days } = seasonalBaseline(series.amounts, day, thresholds.baselineWeeks, firstDay);
  if (days.length < thresholds.minWeeks) return null;
  const actual = new Decimal(series.amounts.get(day) ?? "0");
  const excess = actual.minus(baseline);
  if (excess.lt(thresholds.minExcess)) return null;
  const ratio = baseline.isZero() ? null : excess.div(baseline.abs());
  if (ratio !== null && ratio.lt(thresholds.minRatio)) return null;
  return {
    teamId: series.teamId,
    service: series.service,
    day,
    actual: actual.toFixed(2),
    baseline: baseline.toFixed(2),
    excess: excess.toFixed(2),
    ratio: ratio === null ? null : ratio.toDecimalPlaces(4).toString(),
    baselineDays: days,
  };
}

/** Every anomalous day in [from, to] across the series; `firstDay` is where history starts. */
export function detectAnomalies(
  series: DailySeries[],
  window: { from: string; to: string; firstDay: string },
  thresholds: AnomalyThresholds = DEFAULT_ANOMALY_THRESHOLDS,
): Anomaly[] {
  const found: Anomaly[] = [];
  for (const one of series) {
    for (let day = window.from; day <= window.to; day = addDays(day, 1)) {
      const anomaly = judgeDay(one, day, window.firstDay, thresholds);
      if (anomaly) found.push(anomaly);
    }
  }
  return found;
}

/** One contributor to a day's spend (an account, a usage type, a resource...). */
export interface CauseRow {
  key: string;
  day: string;
  amount: string;
}

export interface Cause {
  key: string;
  /** A readable name for the key (an account's name), when there is one. */
  label?: string;
  actual: string;
  baseline: string;
  excess: string;
}

/**
 * What moved: each key's spend on the anomalous day against the median of its spend on the baseline
 * days, largest excess first, only keys that grew.
 */
export function rankCauses(rows: CauseRow[], day: string, baselineDays: string[], limit = 3): Cause[] {
  const byKey = new Map<string, Map<string, Decimal>>();
  for (const row of rows) {
    const days = byKey.get(row.key) ?? new Map<string, Decimal>();
    days.set(row.day, (days.get(row.day) ?? new Decimal(0)).plus(row.amount));
    byKey.set(row.key, days);
  }
  const causes: Array<Cause & { sort: Decimal }> = [];
  for (const [key, days] of byKey) {
    const actual = days.get(day) ?? new Decimal(0);
    const baseline = median(baselineDays.map((d) => days.get(d) ?? new Decimal(0)));
    const excess = actual.minus(baseline);
    if (excess.lte(0)) continue;
    causes.push({ key, actual: actual.toFixed(2), baseline: baseline.toFixed(2), excess: excess.toFixed(2), sort: excess });
  }
  return causes
    .sort((a, b) => b.sort.comparedTo(a.sort) || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map(({ sort: _sort, ...cause }) => cause);
}
