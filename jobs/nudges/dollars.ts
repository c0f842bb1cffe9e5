// Whole dollars with thousands separators for nudge titles and messages ("$13,824"), from a decimal.
import Decimal from "decimal.js";

export function dollars(amount: Decimal.Value): string {
  const whole = new Decimal(amount).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  const digits = whole.abs().toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${whole.isNegative() && !whole.isZero() ? "-" : ""}$${digits}`;
}
