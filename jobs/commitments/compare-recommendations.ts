// Tallyboard's Compute Savings Plan recommendation next to AWS's, with the difference explained.
// Tallyboard: the steady baseline of the last `lookbackDays` of daily on-demand eligible usage at a
// chosen confidence, capped at the savings maximum. AWS: the savings maximum over its own (shorter,
// hourly) lookback. Both are then judged on the same window, so the numbers compare. Pure.
import Decimal from "decimal.js";
import { findBaseline } from "./baseline";
import { breakEvenUtilization, evaluateCommitment } from "./commitment-math";
import { DAYS_PER_MONTH } from "./rates";

export interface AwsSavingsPlanRecommendation {
  hourlyCommitment: string;
  lookbackDays: number;
  monthlySavings: string | null;
  averageUtilization: string | null; // percent, as AWS reports it
}

export interface PlanFigures {
  hourlyCommitment: string;
  /** Over Tallyboard's window: what the plan would have saved and how much of it would have been used. */
  monthlySavings: string;
  utilization: string | null;
  coverage: string | null;
  /** Days (share) on which the commitment would not have been fully used. */
  underusedDayShare: string;
}

export interface RecommendationComparison {
  lookbackDays: number;
  confidence: number;
  rate: string;
  breakEvenUtilization: string;
  baselinePerDay: string;
  savingsMaximizingPerDay: string;
  tallyboard: PlanFigures;
  aws: (PlanFigures & { lookbackDays: number; awsMonthlySavings: string | null; awsAverageUtilization: string | null }) | null;
  /** hourly(Tallyboard) - hourly(AWS); null without an AWS recommendation. */
  difference: string | null;
  reasons: string[];
}

const pct = (share: Decimal) => `${share.times(100).toDecimalPlaces(0).toString()}%`;
const usd = (amount: Decimal) => `$${amount.toDecimalPlaces(2).toFixed(2)}`;

function figures(usage: readonly Decimal[], hourly: Decimal, rate: Decimal): PlanFigures {
  const outcome = evaluateCommitment(usage, hourly, rate);
  const capacity = hourly.times(24).div(rate);
  const underused = usage.filter((u) => u.lt(capacity)).length;
  return {
    hourlyCommitment: hourly.toDecimalPlaces(3).toString(),
    monthlySavings: usage.length === 0 ? "0.00" : outcome.netSavings.div(usage.length).times(DAYS_PER_MONTH).toFixed(2),
    utilization: outcome.utilization?.toDecimalPlaces(4).toString() ?? null,
    coverage: outcome.coverage?.toDecimalPlaces(4).toString() ?? null,
    underusedDayShare: usage.length === 0 ? "0" : new Decimal(underused).div(usage.length).toDecimalPlaces(4).toString(),
  };
}

export function compareRecommendations(usage: readonly Decimal[], options: { rate: Decimal.Value; confidence: number; aws: AwsSavingsPlanRecommendation | null }): RecommendationComparison {
  const rate = new Decimal(options.rate);
  const plan = findBaseline(usage, { rate, confidence: options.confidence });
  const ours = figures(usage, plan.hourlyCommitment, rate);
  const aws = options.aws ? { ...figures(usage, new Decimal(options.aws.hourlyCommitment), rate), lookbackDays: options.aws.lookbackDays, awsMonthlySavings: options.aws.monthlySavings, awsAverageUtilization: options.aws.averageUtilization } : null;
  const reasons: string[] = [];
  const n = usage.length;
  if (plan.baseline.lt(plan.savingsMaximizingLevel)) {
    reasons.push(
      `Tallyboard covers only what ran on ${pct(new Decimal(options.confidence))} of the last ${n} days (${usd(plan.baseline)}/day on demand); covering up to the savings maximum (${usd(plan.savingsMaximizingLevel)}/day) saves more on paper but leaves the plan partly idle on more days.`,
    );
  } else {
    reasons.push(`The ${pct(new Decimal(options.confidence))}-confidence baseline (${usd(plan.baseline)}/day) is above the savings maximum, so Tallyboard stops at the savings maximum (${usd(plan.savingsMaximizingLevel)}/day): every dollar more would be idle often enough to lose money.`);
  }
  if (options.aws && aws) {
    const awsDays = options.aws.lookbackDays;
    const recent = usage.slice(-awsDays);
    const mean = (values: readonly Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0)).div(Math.max(1, values.length));
    if (awsDays < n && recent.length > 0 && !mean(usage).isZero()) {
      const drift = mean(recent).div(mean(usage)).minus(1);
      if (drift.abs().gte("0.03")) {
        reasons.push(
          `AWS looked back ${awsDays} days, Tallyboard ${n}: usage in the last ${awsDays} days averaged ${pct(drift.abs())} ${drift.gt(0) ? "above" : "below"} the ${n}-day average, so AWS's window asks for ${drift.gt(0) ? "more" : "less"}.`,
        );
      } else reasons.push(`AWS looked back ${awsDays} days, Tallyboard ${n}; usage was about as high in both windows.`);
    }
    reasons.push(
      `Judged on the same ${n} days, AWS's ${usd(new Decimal(options.aws.hourlyCommitment))}/h would have been ${aws.utilization ? pct(new Decimal(aws.utilization)) : "-"} used and saved ${usd(new Decimal(aws.monthlySavings))}/month; Tallyboard's ${usd(plan.hourlyCommitment)}/h ${ours.utilization ? pct(new Decimal(ours.utilization)) : "-"} used, ${usd(new Decimal(ours.monthlySavings))}/month. Break-even utilization is ${pct(rate)}.`,
    );
    reasons.push("AWS reads hourly usage; Tallyboard reads daily totals, which hide dips inside a day, so on usage that swings within days Tallyboard's figure can be a little high.");
  } else {
    reasons.push("No AWS recommendation for this plan is stored yet (run the commitments sync), so only Tallyboard's is shown.");
  }
  return {
    lookbackDays: n,
    confidence: options.confidence,
    rate: rate.toString(),
    breakEvenUtilization: breakEvenUtilization(rate).toString(),
    baselinePerDay: plan.baseline.toFixed(2),
    savingsMaximizingPerDay: plan.savingsMaximizingLevel.toFixed(2),
    tallyboard: ours,
    aws,
    difference: options.aws ? plan.hourlyCommitment.minus(options.aws.hourlyCommitment).toDecimalPlaces(3).toString() : null,
    reasons,
  };
}
