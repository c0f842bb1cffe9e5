// CUR (legacy CSV) and CUR 2.0 (Parquet or CSV) rows -> Tallyboard line items. Pure.
import Decimal from "decimal.js";
import { amortizedCost, type CurAmounts } from "./amortize-cur";
import type { CurColumns } from "./cur-columns";
import { FieldError, money, monthStart, requiredMoney, requiredText, tagObject, text, utcDay, type ImportedLineItem, type RawRow } from "./line-item";

const ZERO = new Decimal(0);
const LEGACY_TAG_PREFIX = "resourceTags/";

/** Legacy: `resourceTags/user:team` -> team, `resourceTags/aws:createdBy` -> aws:createdBy. */
function legacyTags(row: RawRow): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const column of Object.keys(row)) {
    if (!column.startsWith(LEGACY_TAG_PREFIX)) continue;
    const value = text(row, column);
    if (value === null) continue;
    const key = column.slice(LEGACY_TAG_PREFIX.length);
    tags[key.startsWith("user:") ? key.slice("user:".length) : key] = value;
  }
  return tags;
}

/** CUR 2.0: the resource_tags map, `user_team` -> team, `aws_createdBy` -> aws:createdBy (as the legacy CUR and Cost Explorer name it). */
function cur2Tags(row: RawRow): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(tagObject(row, "resource_tags"))) {
    if (value === "") continue;
    const name = key.startsWith("user_") ? key.slice("user_".length) : key.startsWith("aws_") ? `aws:${key.slice("aws_".length)}` : key;
    tags[name] = value;
  }
  return tags;
}

function productName(row: RawRow, columns: CurColumns): string | null {
  if (columns.productName) return text(row, columns.productName);
  const product = row.product === undefined ? null : tagObject(row, "product");
  return product?.product_name?.trim() || null;
}

/** The gross amount, or its net_ counterpart when the file has one. */
function amounts(row: RawRow, columns: CurColumns, net: boolean): CurAmounts {
  const pick = (gross: string, netColumn: string) => (net && money(row, netColumn) !== null ? netColumn : gross);
  const need = (column: string) => () => requiredMoney(row, column);
  return {
    unblended: requiredMoney(row, pick(columns.unblended, columns.netUnblended)),
    reservationEffective: need(pick(columns.reservationEffective, columns.netReservationEffective)),
    savingsPlanEffective: need(pick(columns.savingsPlanEffective, columns.netSavingsPlanEffective)),
    unusedUpfront: () => money(row, pick(columns.unusedUpfront, columns.netUnusedUpfront)) ?? ZERO,
    unusedRecurring: () => money(row, pick(columns.unusedRecurring, columns.netUnusedRecurring)) ?? ZERO,
    totalCommitment: need(columns.totalCommitment),
    usedCommitment: () => money(row, columns.usedCommitment) ?? ZERO,
  };
}

export function mapCurRow(row: RawRow, columns: CurColumns, legacy: boolean): ImportedLineItem {
  const lineItemType = requiredText(row, columns.lineItemType);
  const day = utcDay(row, columns.usageStart);
  const periodColumn = text(row, columns.billingPeriodStart) === null ? null : columns.billingPeriodStart;
  const unblended = requiredMoney(row, columns.unblended);
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
    tags: legacy ? legacyTags(row) : cur2Tags(row),
    unblended: unblended.toFixed(),
    amortized: amortized.toFixed(),
    netAmortized: netAmortized.toFixed(),
    usageQuantity: usageQuantity === null ? null : usageQuantity.toFixed(),
  };
}
