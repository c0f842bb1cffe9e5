// Amortized cost of a CUR line item, by line item type, as AWS's amortized view computes it:
// commitments are spread over the usage they cover, and the unused part stays on the fee line.
import Decimal from "decimal.js";

/** The amounts a rule may need; a missing amount the rule needs is the caller's error to report. */
export interface CurAmounts {
  unblended: Decimal;
  reservationEffective: () => Decimal;
  savingsPlanEffective: () => Decimal;
  unusedUpfront: () => Decimal;
  unusedRecurring: () => Decimal;
  totalCommitment: () => Decimal;
  usedCommitment: () => Decimal;
  /** The line names a reservation (reservation ARN): a Fee line of it is the reservation's purchase. */
  reservationPurchase: boolean;
}

const ZERO = new Decimal(0);

export function amortizedCost(lineItemType: string, amounts: CurAmounts): Decimal {
  switch (lineItemType) {
    case "DiscountedUsage": // RI-covered usage: the reservation's effective cost (unblended is ~0)
      return amounts.reservationEffective();
    case "SavingsPlanCoveredUsage":
      return amounts.savingsPlanEffective();
    case "SavingsPlanNegation": // cancels the on-demand cost of covered usage
    case "SavingsPlanUpfrontFee": // spread over the covered usage instead
      return ZERO;
    case "Fee": // an RI's upfront purchase is spread over DiscountedUsage (reservation effective cost); other fees as billed
      return amounts.reservationPurchase ? ZERO : amounts.unblended;
    case "RIFee": // what the reservations did not cover this period
      return amounts.unusedUpfront().plus(amounts.unusedRecurring());
    case "SavingsPlanRecurringFee": // the commitment not used by covered usage
      return amounts.totalCommitment().minus(amounts.usedCommitment());
    default: // Usage, Tax, Credit, Refund, Fee, discounts...: as billed
      return amounts.unblended;
  }
}
