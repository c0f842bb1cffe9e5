// Money arrives as decimal strings and is formatted only here, at display time.
// Intl.NumberFormat formats a decimal string exactly (no float rounding on the way).

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdWhole = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usdCompact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const usdSigned = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
const percent = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percentSigned = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" });

const literal = (amount: string) => amount as Intl.StringNumericLiteral;

/** $12,345.67: exact, for tables, headlines and tooltips. */
export const formatUsd = (amount: string) => usd.format(literal(amount));
/** $12,346: for large headline figures. */
export const formatUsdWhole = (amount: string) => usdWhole.format(literal(amount));
/** +$1,234.50 / -$12.00: a change. */
export const formatUsdChange = (amount: string) => usdSigned.format(literal(amount));
/** $12.3K: for chart axes and bar labels, where a glance is the point. */
export const formatUsdCompact = (amount: number | string) => usdCompact.format(typeof amount === "number" ? amount : literal(amount));
/** 0.9312 -> 93.1% (a ratio from the API, absent when its base was zero). */
export const formatShare = (ratio: string | null) => (ratio === null ? "—" : percent.format(literal(ratio)));
export const formatShareChange = (ratio: string | null) => (ratio === null ? "new" : percentSigned.format(literal(ratio)));

/** Sign of a decimal string, for colouring a change without arithmetic. */
export function signOf(amount: string): -1 | 0 | 1 {
  if (/^-?0*(\.0*)?$/.test(amount) || /^-?0(e|E)/.test(amount)) return 0;
  return amount.startsWith("-") ? -1 : 1;
}
