// Which columns of an export Tallyboard reads, per format: the rest are reported as ignored, and a
// file whose header has no tag column at all is warned about (nothing in it can carry an owner).
import { CUR2_COLUMNS, LEGACY_CUR_COLUMNS, type CurColumns } from "../cur-columns";
import type { ImportFormat } from "../line-item";
import { ALL_SPLIT_COLUMN_NAMES } from "../split-columns";

const FOCUS_COLUMNS_READ = [
  "BilledCost", "EffectiveCost", "ChargePeriodStart", "BillingPeriodStart", "SubAccountId", "BillingAccountId", "ChargeClass",
  "ChargeCategory", "ServiceName", "RegionId", "x_UsageType", "SkuId", "ResourceId", "ConsumedQuantity", "Tags", "InvoiceId",
];
const INVOICE_COLUMNS = ["bill/InvoiceId", "bill_invoice_id"];

/** Tag columns: the legacy CUR's one per key (resourceTags/user:team, or resource_tags_user_team in the
 *  Athena layout), CUR 2.0's resource_tags map, FOCUS's Tags. */
export function isTagColumn(column: string): boolean {
  return column.startsWith("resourceTags/") || column.startsWith("resource_tags_") || column === "resource_tags" || column === "Tags";
}

export function columnsRead(format: ImportFormat): Set<string> {
  const cur = (columns: CurColumns) => Object.values(columns).filter((column): column is string => column !== null);
  if (format === "focus") return new Set(FOCUS_COLUMNS_READ);
  return new Set([...cur(format === "cur" ? LEGACY_CUR_COLUMNS : CUR2_COLUMNS), ...INVOICE_COLUMNS, ...ALL_SPLIT_COLUMN_NAMES, ...(format === "cur2" ? ["product"] : [])]);
}

/** The header's columns no mapping reads (tag columns are read). */
export function ignoredColumns(format: ImportFormat, header: readonly string[]): string[] {
  const read = columnsRead(format);
  return header.filter((column) => !read.has(column) && !isTagColumn(column));
}
