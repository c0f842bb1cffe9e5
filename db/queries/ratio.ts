import Decimal from "decimal.js";

/** part / whole to 6 places as a decimal string; absent (null) when the base is zero, never Infinity. */
export function ratio(part: string, whole: string): string | null {
  const base = new Decimal(whole);
  return base.isZero() ? null : new Decimal(part).div(base).toDecimalPlaces(6).toString();
}

/** (current - previous) / |previous|; null when there was nothing before. */
export function change(current: string, previous: string): { amount: string; ratio: string | null } {
  const delta = new Decimal(current).minus(previous);
  return { amount: delta.toString(), ratio: ratio(delta.toString(), new Decimal(previous).abs().toString()) };
}
