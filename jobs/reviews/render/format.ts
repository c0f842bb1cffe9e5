// Display formatting of the document's decimal strings (Intl formats a string exactly, no float).
import type { MetricFormat, ReviewMetric } from "../../../db/domain/review-model";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" });
const signedUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0, signDisplay: "exceptZero" });
const signedUsdCents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
/** Below $100, whole dollars hide the movement: show cents. */
const small = (value: string) => value.replace("-", "").split(".")[0]!.length < 3;

type Formattable = Parameters<Intl.NumberFormat["format"]>[0];
const asNumber = (value: string) => value as unknown as Formattable;

export const formatUsd = (value: string) => usd.format(asNumber(value));
export const formatUsdCents = (value: string) => usdCents.format(asNumber(value));
export const formatSignedUsd = (value: string) => (small(value) ? signedUsdCents : signedUsd).format(asNumber(value));
export const formatPercent = (value: string) => percent.format(asNumber(value));
export const formatSignedPercent = (value: string) => signedPercent.format(asNumber(value));

/** A metric's value as shown: dollars (cents below $100) or a percentage. */
export function formatValue(value: string | null, format: MetricFormat): string {
  if (value === null) return "n/a";
  if (format === "ratio") return formatPercent(value);
  return small(value) ? formatUsdCents(value) : formatUsd(value);
}

export function formatChange(metric: ReviewMetric): string {
  if (!metric.change) return "n/a";
  const amount = metric.format === "ratio" ? formatSignedPercent(metric.change.amount).replace("%", " pts") : formatSignedUsd(metric.change.amount);
  return metric.change.ratio === null || metric.format === "ratio" ? amount : `${amount} (${formatSignedPercent(metric.change.ratio)})`;
}

export const STATUS_LABEL: Record<ReviewMetric["status"], string> = { on_target: "on target", off_target: "off target", no_goal: "no goal", no_value: "no value" };
