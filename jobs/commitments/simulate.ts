// The what-if simulator: a set of commitments (type, term, payment option, $/hour) against a daily
// on-demand usage series of commitment-eligible compute. Pure. Commitments apply deepest discount
// first, each to the usage the previous ones left, as AWS applies Savings Plans. Results are per
// month (the series' average day x 30.4375), plus the same with usage dropped by a share.
import Decimal from "decimal.js";
import { breakEvenUtilization, evaluateCommitment, paybackMonths, ratio } from "./commitment-math";
import { DAYS_PER_MONTH, HOURS_PER_YEAR, UPFRONT_SHARE, defaultRate, type CommitmentType, type PaymentOption, type TermYears } from "./rates";

const ZERO = new Decimal(0);

export interface PlannedCommitment {
  type: CommitmentType;
  termYears: TermYears;
  paymentOption: PaymentOption;
  hourlyCommitment: Decimal.Value;
  rate?: Decimal.Value; // observed or quoted; else the planning default
}

export interface ScenarioResult {
  monthlyOnDemand: string; // what the usage would cost on demand
  monthlyCost: string; // with the commitments
  monthlySavings: string;
  coverage: string | null;
  utilization: string | null;
  unusedMonthly: string;
}

export interface SimulationResult {
  current: ScenarioResult;
  usageDrop: { share: string; result: ScenarioResult };
  breakEvenUtilization: string | null; // commitment-weighted
  upfrontTotal: string;
  paybackMonths: string | null;
  commitments: { type: CommitmentType; termYears: TermYears; paymentOption: PaymentOption; hourlyCommitment: string; rate: string; upfront: string; breakEvenUtilization: string }[];
}

function scenario(usage: readonly Decimal[], commitments: { hourly: Decimal; rate: Decimal }[]): ScenarioResult & { coveredMonthly: Decimal } {
  const days = usage.length;
  const perMonth = (total: Decimal) => (days === 0 ? ZERO : total.div(days).times(DAYS_PER_MONTH));
  let remaining = [...usage];
  let committed = ZERO;
  let used = ZERO;
  let covered = ZERO;
  for (const c of commitments) {
    const capacity = c.hourly.times(24).div(c.rate);
    const outcome = evaluateCommitment(remaining, c.hourly, c.rate);
    committed = committed.plus(outcome.commitmentCost);
    used = used.plus(outcome.usedCommitment);
    covered = covered.plus(outcome.coveredOnDemand);
    remaining = remaining.map((u) => Decimal.max(ZERO, u.minus(Decimal.min(Decimal.max(u, ZERO), capacity))));
  }
  const onDemand = usage.reduce((a, b) => a.plus(b), ZERO);
  const cost = committed.plus(onDemand.minus(covered));
  return {
    monthlyOnDemand: perMonth(onDemand).toFixed(2),
    monthlyCost: perMonth(cost).toFixed(2),
    monthlySavings: perMonth(onDemand.minus(cost)).toFixed(2),
    coverage: ratio(covered, onDemand)?.toDecimalPlaces(4).toString() ?? null,
    utilization: ratio(used, committed)?.toDecimalPlaces(4).toString() ?? null,
    unusedMonthly: perMonth(committed.minus(used)).toFixed(2),
    coveredMonthly: perMonth(covered),
  };
}

export function simulateCommitments(usage: readonly Decimal.Value[], planned: readonly PlannedCommitment[], usageDropShare: Decimal.Value = 0): SimulationResult {
  const drop = new Decimal(usageDropShare);
  if (drop.lt(0) || drop.gt(1)) throw new RangeError("usageDropShare must be between 0 and 1");
  const commitments = planned
    .map((p) => {
      const hourly = new Decimal(p.hourlyCommitment);
      if (hourly.lt(0)) throw new RangeError("hourlyCommitment must not be negative");
      const rate = p.rate === undefined ? defaultRate(p.type, p.termYears, p.paymentOption) : new Decimal(p.rate);
      const upfront = hourly.times(HOURS_PER_YEAR * p.termYears).times(UPFRONT_SHARE[p.paymentOption]);
      return { ...p, hourly, rate, upfront };
    })
    .sort((a, b) => a.rate.comparedTo(b.rate));
  const series = usage.map((u) => new Decimal(u));
  const { coveredMonthly, ...current } = scenario(series, commitments);
  const { coveredMonthly: _dropCovered, ...dropped } = scenario(series.map((u) => u.times(new Decimal(1).minus(drop))), commitments);
  const totalHourly = commitments.reduce((a, c) => a.plus(c.hourly), ZERO);
  const upfrontTotal = commitments.reduce((a, c) => a.plus(c.upfront), ZERO);
  // The recurring part per month: the commitment not paid upfront.
  const monthlyRecurring = commitments.reduce((a, c) => a.plus(c.hourly.times(24).times(DAYS_PER_MONTH).times(new Decimal(1).minus(UPFRONT_SHARE[c.paymentOption]))), ZERO);
  const blendedRate = totalHourly.isZero() ? null : commitments.reduce((a, c) => a.plus(c.rate.times(c.hourly)), ZERO).div(totalHourly);
  const payback = paybackMonths({ upfront: upfrontTotal, monthlyRecurring, monthlyCoveredOnDemand: coveredMonthly });
  return {
    current,
    usageDrop: { share: drop.toString(), result: dropped },
    breakEvenUtilization: blendedRate === null ? null : breakEvenUtilization(blendedRate).toDecimalPlaces(4).toString(),
    upfrontTotal: upfrontTotal.toFixed(2),
    paybackMonths: payback?.toDecimalPlaces(1).toString() ?? null,
    commitments: commitments.map((c) => ({
      type: c.type,
      termYears: c.termYears,
      paymentOption: c.paymentOption,
      hourlyCommitment: c.hourly.toString(),
      rate: c.rate.toString(),
      upfront: c.upfront.toFixed(2),
      breakEvenUtilization: breakEvenUtilization(c.rate).toString(),
    })),
  };
}
