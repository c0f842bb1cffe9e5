// CUR rows -> Tallyboard line items. Pure. The legacy CUR (slash names, or the Athena/Parquet
// snake_case layout: each tag a column of its own) and CUR 2.0 (tags in the resource_tags map).
import Decimal from "decimal.js";
import { awsTagKey } from "./aws-tag-keys";
import { amortizedCost, type CurAmounts } from "./amortize-cur";
import { CUR2_COLUMNS, LEGACY_CUR_COLUMNS, legacyCurColumns, type CurColumns } from "./cur-columns";
import { mapSplitFields, splitColumnNames } from "./split-columns";
import { costScale, FieldError, money, monthStart, requiredMoney, requiredText, tagObject, text, utcDay, type ImportFormat, type ImportedLineItem, type RawRow } from "./line-item";
import { legacyTagColumns, type TagColumn } from "./tag-columns";

const ZERO = new Decimal(0);

function columnTags(row: RawRow, columns: TagColumn[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const { column, key } of columns) {
    const value = text(row, column);
    if (value !== null) tags[key] = value;
  }
  return tags;
}

/** CUR 2.0: the resource_tags map, `user_team` -> team, `aws_createdBy` -> aws:createdBy, `aws_eks_cluster_name` -> aws:eks:cluster-name (as the legacy CUR and Cost Explorer name them). */
function cur2Tags(row: RawRow): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(tagObject(row, "resource_tags"))) {
    if (value === "") continue;
    const name = key.startsWith("user_") ? key.slice("user_".length) : key.startsWith("aws_") ? awsTagKey(key.slice("aws_".length)) : key;
    tags[name] = value;
  }
  return tags;
}

function productName(row: RawRow, columns: CurColumns): string | null {
  if (columns.productName) return text(row, columns.productName);
  const product = row.product === undefined ? null : tagObject(row, "product");
  return product?.product_name?.trim() || null;
}

/** The gross amount, or its net_ counterpart when the file has one; each to the cost scale. */
function amounts(row: RawRow, columns: CurColumns, net: boolean): CurAmounts {
  const pick = (gross: string, netColumn: string) => (net && money(row, netColumn) !== null ? netColumn : gross);
  const need = (column: string) => () => costScale(requiredMoney(row, column));
  const optional = (column: string) => () => costScale(money(row, column) ?? ZERO);
  return {
    unblended: costScale(requiredMoney(row, pick(columns.unblended, columns.netUnblended))),
    reservationEffective: need(pick(columns.reservationEffective, columns.netReservationEffective)),
    savingsPlanEffective: need(pick(columns.savingsPlanEffective, columns.netSavingsPlanEffective)),
    unusedUpfront: optional(pick(columns.unusedUpfront, columns.netUnusedUpfront)),
    unusedRecurring: optional(pick(columns.unusedRecurring, columns.netUnusedRecurring)),
    totalCommitment: need(columns.totalCommitment),
    usedCommitment: optional(columns.usedCommitment),
    reservationPurchase: text(row, columns.reservationArn) !== null,
  };
}

export function mapCurRow(row: RawRow, columns: CurColumns, tags: (row: RawRow) => Record<string, string>): ImportedLineItem {
  const lineItemType = requiredText(row, columns.lineItemType);
  const day = utcDay(row, columns.usageStart);
  const periodColumn = text(row, columns.billingPeriodStart) === null ? null : columns.billingPeriodStart;
  const unblended = costScale(requiredMoney(row, columns.unblended));
  const amortized = amortizedCost(lineItemType, amounts(row, columns, false));
  const hasNet = [columns.netUnblended, columns.netReservationEffective, columns.netSavingsPlanEffective, columns.netUnusedUpfront, columns.netUnusedRecurring].some((c) => c in row);
  const netAmortized = hasNet ? amortizedCost(lineItemType, amounts(row, columns, true)) : amortized;
  const service = productName(row, columns) ?? text(row, columns.serviceCode) ?? text(row, columns.productCode);
  if (!service) throw new FieldError(columns.productCode, "no product name, service code or product code");
  const usageQuantity = money(row, columns.usageAmount);
  return {
    day,
    billingPeriod: periodColumn ? monthStart(utcDay(row, periodColumn)) : monthStart(day),
    accountId: requiredText(row, columns.account),
    service,
    region: text(row, columns.regionCode) ?? (columns.region ? text(row, columns.region) : null) ?? "",
    usageType: text(row, columns.usageType) ?? "",
    recordType: lineItemType,
    resourceId: text(row, columns.resourceId),
    tags: tags(row),
    unblended: unblended.toFixed(),
    amortized: amortized.toFixed(),
    netAmortized: netAmortized.toFixed(),
    usageQuantity: usageQuantity === null ? null : usageQuantity.toFixed(),
    invoiceId: text(row, columns.invoiceId),
    split: mapSplitFields(row, splitColumnNames(columns.unblended === LEGACY_CUR_COLUMNS.unblended), text(row, columns.resourceId), columns.usageStart),
  };
}

/** The row mapper of a CUR file with this header (a legacy header with colliding tag columns is refused). */
export function curMapper(fileName: string, format: Exclude<ImportFormat, "focus">, header: readonly string[]): (row: RawRow) => ImportedLineItem {
  if (format === "cur2") return (row) => mapCurRow(row, CUR2_COLUMNS, cur2Tags);
  const columns = legacyCurColumns(header);
  const tagColumns = legacyTagColumns(fileName, header);
  return (row) => mapCurRow(row, columns, (r) => columnTags(r, tagColumns));
}
