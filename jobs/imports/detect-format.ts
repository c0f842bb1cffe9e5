// Which export a file is, from its column names; and the columns each format cannot do without.
import { CUR2_COLUMNS, LEGACY_CUR_COLUMNS, requiredCurColumns } from "./cur-columns";
import { REQUIRED_FOCUS_COLUMNS } from "./map-focus";
import type { ImportFormat, ImportSource } from "./line-item";

export type FormatOption = ImportFormat | "auto";

export const FORMAT_OPTIONS: readonly FormatOption[] = ["auto", "cur", "cur2", "focus"];

export function detectFormat(columns: readonly string[]): ImportFormat | null {
  const has = (name: string) => columns.includes(name);
  if (has(LEGACY_CUR_COLUMNS.unblended)) return "cur";
  if (has(CUR2_COLUMNS.unblended)) return "cur2";
  if (has("BilledCost") && has("ChargePeriodStart")) return "focus";
  return null;
}

export function requiredColumns(format: ImportFormat): string[] {
  if (format === "cur") return requiredCurColumns(LEGACY_CUR_COLUMNS);
  if (format === "cur2") return requiredCurColumns(CUR2_COLUMNS);
  return REQUIRED_FOCUS_COLUMNS;
}

export function sourceOf(format: ImportFormat): ImportSource {
  return format === "focus" ? "focus" : "cur";
}
