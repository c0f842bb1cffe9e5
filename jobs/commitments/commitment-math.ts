// The maths of a commitment (Savings Plan or reservation) against a usage series. Pure, Decimal only.
// Usage is on-demand-equivalent cost per period (a day of Cost Explorer / CUR data, or an hour);
// a commitment is dollars per hour at `rate` = commitment price / on-demand price (0.72 = 28% off).
// One hour of commitment C covers C / rate of on-demand usage; what it doesn't cover bills on demand.
import Decimal from "decimal.js";

const ZERO = new Decimal(0);

export interface CommitmentOutcome {
  onDemandCost: Decimal; // the usage at on-demand prices: what it costs with no commitment
  commitmentCost: Decimal; // the commitment paid, used or not
  coveredOnDemand: Decimal; // usage the commitment covered, at on-demand prices
  usedCommitment: Decimal; // the part of the commitment that covered usage
  unusedCommitment: Decimal;
  costWithCommitment: Decimal; // commitment + uncovered usage on demand
  netSavings: Decimal; // onDemandCost - costWithCommitment (negative when over-committed)
  coverage: Decimal | null; // coveredOnDemand / onDemandCost; null without usage
  utilization: Decimal | null; // usedCommitment / commitmentCost; null without commitment
}

export function evaluateCommitment(usage: readonly Decimal[], hourlyCommitment: Decimal.Value, rate: Decimal.Value, periodHours = 24): CommitmentOutcome {
  const r = new Decimal(rate);
  if (r.lte(0) || r.gt(1)) throw new RangeError(`rate must be in (0, 1], got ${r.toString()}`);
  const perPeriod = new Decimal(hourlyCommitment).times(periodHours);
  const capacity = perPeriod.div(r); // on-demand usage one period of commitment can cover
  let onDemandCost = ZERO;
  let covered = ZERO;
  for (const amount of usage) {
    onDemandCost = onDemandCost.plus(amount);
    covered = covered.plus(Decimal.max(ZERO, Decimal.min(amount, capacity)));
  }
  const commitmentCost = perPeriod.times(usage.length);
  const usedCommitment = covered.times(r);
  const costWithCommitment = commitmentCost.plus(onDemandCost.minus(covered));
  return {
    onDemandCost,
    commitmentCost,
    coveredOnDemand: covered,
    usedCommitment,
    unusedCommitment: commitmentCost.minus(usedCommitment),
    costWithCommitment,
    netSavings: onDemandCost.minus(costWithCommitment),
    coverage: ratio(covered, onDemandCost),
    utilization: ratio(usedCommitment, commitmentCost),
  };
}

/** A share, or null when the base is zero (never NaN or Infinity). */
export function ratio(part: Decimal, whole: Decimal): Decimal | null {
  return whole.isZero() ? null : part.div(whole);
}

/**
 * The utilization below which a commitment costs more than on demand: used commitment buys
 * used / rate of on-demand usage for the whole commitment, so it breaks even at used = rate.
 */
export function breakEvenUtilization(rate: Decimal.Value): Decimal {
  return new Decimal(rate);
}

/** The price ratio of a reservation or plan with an upfront part, per hour of the term. */
export function effectiveRate(input: { onDemandHourly: Decimal.Value; upfront: Decimal.Value; recurringHourly: Decimal.Value; termHours: number }): Decimal {
  const onDemand = new Decimal(input.onDemandHourly);
  if (onDemand.lte(0)) throw new RangeError("onDemandHourly must be above zero");
  return new Decimal(input.upfront).div(input.termHours).plus(input.recurringHourly).div(onDemand);
}

/** Savings of a cost against its on-demand price, with the share saved (null when on-demand is 0). */
export function savings(onDemandCost: Decimal.Value, costWithCommitment: Decimal.Value): { amount: Decimal; share: Decimal | null } {
  const onDemand = new Decimal(onDemandCost);
  const amount = onDemand.minus(costWithCommitment);
  return { amount, share: ratio(amount, onDemand) };
}

/**
 * Months until the cash paid upfront is earned back: each month the commitment saves the covered
 * on-demand spend minus its recurring fee. 0 without an upfront payment (if it saves at all);
 * null when it never pays back.
 */
export function paybackMonths(input: { upfront: Decimal.Value; monthlyRecurring: Decimal.Value; monthlyCoveredOnDemand: Decimal.Value }): Decimal | null {
  const monthlyGain = new Decimal(input.monthlyCoveredOnDemand).minus(input.monthlyRecurring);
  if (monthlyGain.lte(0)) return null;
  const upfront = new Decimal(input.upfront);
  return upfront.lte(0) ? ZERO : upfront.div(monthlyGain);
}
