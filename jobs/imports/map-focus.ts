// FOCUS 1.0-1.2 rows (AWS, Azure, Google) -> Tallyboard line items. Pure. FOCUS writes nulls as "NULL".
// Tags keep their keys as written: FOCUS forbids providers to alter user keys, and AWS writes its own
// as aws:..., as Cost Explorer does. Provider x_ columns are ignored (x_UsageType aside).
import { costScale, FieldError, money, monthStart, requiredMoney, requiredText, tagObject, text, utcDay, type ImportedLineItem, type RawRow } from "./line-item";

const NULLS = ["NULL"] as const;

export const REQUIRED_FOCUS_COLUMNS = ["BilledCost", "EffectiveCost", "ChargePeriodStart", "ChargeCategory", "ServiceName"];

export function mapFocusRow(row: RawRow): ImportedLineItem {
  const get = (column: string) => text(row, column, NULLS);
  const day = utcDay(row, "ChargePeriodStart", NULLS);
  const billingPeriodStart = get("BillingPeriodStart") === null ? null : utcDay(row, "BillingPeriodStart", NULLS);
  const accountId = get("SubAccountId") ?? get("BillingAccountId");
  if (!accountId) throw new FieldError("SubAccountId", "is empty (and so is BillingAccountId)");
  const chargeClass = get("ChargeClass");
  const unblended = costScale(requiredMoney(row, "BilledCost", NULLS));
  // EffectiveCost is already net of negotiated discounts; FOCUS 1.0 has no separate net measure.
  const amortized = costScale(requiredMoney(row, "EffectiveCost", NULLS));
  const quantity = money(row, "ConsumedQuantity", NULLS);
  return {
    day,
    billingPeriod: monthStart(billingPeriodStart ?? day),
    accountId,
    service: requiredText(row, "ServiceName", NULLS),
    region: get("RegionId") ?? "",
    usageType: get("x_UsageType") ?? get("SkuMeter") ?? get("SkuId") ?? "", // AWS FOCUS 1.2 moved x_UsageType to SkuMeter
    recordType: chargeClass ? `${requiredText(row, "ChargeCategory", NULLS)}/${chargeClass}` : requiredText(row, "ChargeCategory", NULLS),
    resourceId: get("ResourceId"),
    tags: tagObject(row, "Tags", NULLS), // keys as written, messy ones included
    unblended: unblended.toFixed(),
    amortized: amortized.toFixed(),
    netAmortized: amortized.toFixed(),
    usageQuantity: quantity === null ? null : quantity.toFixed(),
    invoiceId: get("InvoiceId"), // FOCUS 1.2
  };
}
