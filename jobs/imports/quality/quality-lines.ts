// The quality report as the CLI prints it: the totals to hold against the invoice first, warnings last.
import Decimal from "decimal.js";
import type { ImportQuality } from "../../../db/domain/import-quality-report";

export function qualityLines(quality: ImportQuality): string[] {
  const share = quality.withoutOwnerTag.share === null ? "" : ` (${new Decimal(quality.withoutOwnerTag.share).times(100).toFixed(2)}% of the spend)`;
  return [
    `data quality: ${quality.rows} rows, ${quality.periods.length} billing period(s)`,
    ...quality.periods.map((p) => `  period ${p.period.slice(0, 7)}: ${p.rows} rows, unblended ${p.unblended}, amortized ${p.amortized}`),
    ...(quality.invoices ?? []).map((i) => `  invoice ${i.invoiceId ?? "(not invoiced yet)"}: ${i.rows} rows, unblended ${i.unblended}`),
    `  tag keys: ${quality.tagKeys.map((tag) => (tag.ownerKey ? `${tag.key} (owner key)` : tag.ownerLike ? `${tag.key} (owner-like)` : tag.key)).join(", ") || "none"}`,
    `  spend with no owner-like tag: ${quality.withoutOwnerTag.unblended}${share}`,
    ...quality.files.filter((file) => file.ignoredColumns.length > 0).map((file) => `  ${file.name}: ${file.ignoredColumns.length} column(s) ignored: ${file.ignoredColumns.join(", ")}`),
    ...quality.warnings.map((warning) => `WARNING: ${warning.message}`),
  ];
}
