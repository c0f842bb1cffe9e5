// Which export a file is, from its column names; and the columns each format cannot do without.
// The rules, in order (docs/import-layouts.md has them as a table):
//   lineItem/UnblendedCost                                         -> cur  (legacy CUR, CSV or Parquet)
//   line_item_unblended_cost and a resource_tags/product/cost_category map -> cur2 (CUR 2.0 Data Exports)
//   line_item_unblended_cost and resource_tags_* or product_product_name   -> cur  (legacy CUR, Athena/Parquet layout)
//   line_item_unblended_cost alone                                 -> cur2 (no tags either way: both map it alike)
//   BilledCost and ChargePeriodStart                               -> focus (FOCUS 1.0-1.2, any provider)
import { CUR2_COLUMNS, LEGACY_CUR_COLUMNS, legacyCurColumns, requiredCurColumns } from "./cur-columns";
import { REQUIRED_FOCUS_COLUMNS } from "./map-focus";
import type { ImportFormat, ImportSource } from "./line-item";

export type FormatOption = ImportFormat | "auto";

export const FORMAT_OPTIONS: readonly FormatOption[] = ["auto", "cur", "cur2", "focus"];

const CUR2_MAPS = ["resource_tags", "product", "cost_category"];

export function detectFormat(columns: readonly string[]): ImportFormat | null {
  const has = (name: string) => columns.includes(name);
  if (has(LEGACY_CUR_COLUMNS.unblended)) return "cur";
  if (has(CUR2_COLUMNS.unblended)) {
    if (CUR2_MAPS.some(has)) return "cur2";
    if (has("product_product_name") || columns.some((column) => column.startsWith("resource_tags_"))) return "cur";
    return "cur2";
  }
  if (has("BilledCost") && has("ChargePeriodStart")) return "focus";
  return null;
}

export function requiredColumns(format: ImportFormat, columns: readonly string[]): string[] {
  if (format === "cur") return requiredCurColumns(legacyCurColumns(columns));
  if (format === "cur2") return requiredCurColumns(CUR2_COLUMNS);
  return REQUIRED_FOCUS_COLUMNS;
}

export function sourceOf(format: ImportFormat): ImportSource {
  return format === "focus" ? "focus" : "cur";
}
