// Planning assumptions: what a commitment costs as a share of on-demand, by type, term and payment
// option (typical published AWS discounts for Linux compute in us-east-1). The simulator and the
// baseline finder use them unless an observed rate (covered usage amortized / on-demand) is given.
import Decimal from "decimal.js";

export const COMMITMENT_TYPES = ["compute-sp", "ec2-instance-sp", "reserved-instance"] as const;
export type CommitmentType = (typeof COMMITMENT_TYPES)[number];
export const PAYMENT_OPTIONS = ["NO_UPFRONT", "PARTIAL_UPFRONT", "ALL_UPFRONT"] as const;
export type PaymentOption = (typeof PAYMENT_OPTIONS)[number];
export const TERMS = [1, 3] as const;
export type TermYears = (typeof TERMS)[number];

type RateTable = Record<CommitmentType, Record<TermYears, Record<PaymentOption, string>>>;

export const DEFAULT_RATES: RateTable = {
  "compute-sp": { 1: { NO_UPFRONT: "0.72", PARTIAL_UPFRONT: "0.70", ALL_UPFRONT: "0.68" }, 3: { NO_UPFRONT: "0.52", PARTIAL_UPFRONT: "0.49", ALL_UPFRONT: "0.47" } },
  "ec2-instance-sp": { 1: { NO_UPFRONT: "0.64", PARTIAL_UPFRONT: "0.62", ALL_UPFRONT: "0.60" }, 3: { NO_UPFRONT: "0.45", PARTIAL_UPFRONT: "0.43", ALL_UPFRONT: "0.41" } },
  "reserved-instance": { 1: { NO_UPFRONT: "0.63", PARTIAL_UPFRONT: "0.60", ALL_UPFRONT: "0.59" }, 3: { NO_UPFRONT: "0.43", PARTIAL_UPFRONT: "0.40", ALL_UPFRONT: "0.38" } },
};

/** The share of the term's commitment paid upfront. */
export const UPFRONT_SHARE: Record<PaymentOption, string> = { NO_UPFRONT: "0", PARTIAL_UPFRONT: "0.5", ALL_UPFRONT: "1" };

export const HOURS_PER_YEAR = 8760;
export const DAYS_PER_MONTH = new Decimal("30.4375"); // 365.25 / 12

export function defaultRate(type: CommitmentType, term: TermYears, payment: PaymentOption): Decimal {
  return new Decimal(DEFAULT_RATES[type][term][payment]);
}
