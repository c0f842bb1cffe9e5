// The steady baseline of an on-demand usage series and the commitment that maximizes net savings
// at a chosen confidence. Pure. Net savings of covering level L (on-demand $ per period) is
// sum(min(u, L)) - rate * L * n: concave in L, so its maximum is at a data point, where the share
// of periods above L equals the rate. The confidence caps L at a level used in at least that
// share of periods, so a cautious planner buys less than the savings maximum, never more.
import Decimal from "decimal.js";
import { evaluateCommitment, type CommitmentOutcome } from "./commitment-math";

const ZERO = new Decimal(0);

export interface BaselineOptions {
  rate: Decimal.Value; // commitment price / on-demand price
  confidence: number; // share of periods the commitment must be fully used in, e.g. 0.9
  periodHours?: number; // 24 for a daily series, 1 for hourly
}

export interface Baseline {
  /** The usage level reached in at least `confidence` of periods: the steady part. */
  baseline: Decimal;
  /** The level with the highest net savings over the series, whatever the risk. */
  savingsMaximizingLevel: Decimal;
  /** min(baseline, savingsMaximizingLevel): what to cover. */
  recommendedLevel: Decimal;
  /** The commitment per hour that covers recommendedLevel. */
  hourlyCommitment: Decimal;
  outcome: CommitmentOutcome;
}

/** The largest level that at least `confidence` of the periods reach (nearest rank). */
export function levelAtConfidence(usage: readonly Decimal[], confidence: number): Decimal {
  if (!(confidence > 0 && confidence <= 1)) throw new RangeError(`confidence must be in (0, 1], got ${confidence}`);
  if (usage.length === 0) return ZERO;
  const sorted = [...usage].sort((a, b) => a.comparedTo(b));
  const index = Math.floor(sorted.length * (1 - confidence) + 1e-9);
  return Decimal.max(ZERO, sorted[Math.min(index, sorted.length - 1)]!);
}

/** The level with the highest sum(min(u, L)) - rate * L * n, the smallest such on ties. */
export function savingsMaximizingLevel(usage: readonly Decimal[], rate: Decimal.Value): Decimal {
  const r = new Decimal(rate);
  const sorted = usage.map((u) => Decimal.max(ZERO, u)).sort((a, b) => a.comparedTo(b));
  const n = sorted.length;
  let below = ZERO; // sum of the values under sorted[k]
  let best = ZERO;
  let bestSavings = ZERO; // L = 0 saves nothing
  for (let k = 0; k < n; k++) {
    const level = sorted[k]!;
    const net = below.plus(level.times(n - k)).minus(r.times(level).times(n));
    if (net.gt(bestSavings)) {
      bestSavings = net;
      best = level;
    }
    below = below.plus(level);
  }
  return best;
}

export function findBaseline(usage: readonly Decimal[], options: BaselineOptions): Baseline {
  const periodHours = options.periodHours ?? 24;
  const rate = new Decimal(options.rate);
  const baseline = levelAtConfidence(usage, options.confidence);
  const maximizing = savingsMaximizingLevel(usage, rate);
  const recommendedLevel = Decimal.min(baseline, maximizing);
  const hourlyCommitment = recommendedLevel.times(rate).div(periodHours);
  return { baseline, savingsMaximizingLevel: maximizing, recommendedLevel, hourlyCommitment, outcome: evaluateCommitment(usage, hourlyCommitment, rate, periodHours) };
}

export interface UsagePoint {
  group: string; // instance family / region / compute type: what one commitment can cover
  period: string; // YYYY-MM-DD (or an hour)
  onDemand: Decimal.Value;
}

/** One baseline per group; periods a group has no usage in count as zero, as they must. */
export function baselinesByGroup(points: readonly UsagePoint[], periods: readonly string[], options: BaselineOptions): Map<string, Baseline> {
  const index = new Map(periods.map((period, i) => [period, i]));
  const series = new Map<string, Decimal[]>();
  for (const point of points) {
    const i = index.get(point.period);
    if (i === undefined) continue;
    const values = series.get(point.group) ?? periods.map(() => ZERO);
    values[i] = values[i]!.plus(point.onDemand);
    series.set(point.group, values);
  }
  return new Map([...series].map(([group, values]) => [group, findBaseline(values, options)]));
}
