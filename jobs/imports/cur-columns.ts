// The CUR columns Tallyboard reads, as the legacy CUR (`lineItem/UnblendedCost`), its Athena/Parquet
// layout and CUR 2.0 (both `line_item_unblended_cost`) spell them. One mapper serves all through this table.
export interface CurColumns {
  lineItemType: string;
  usageStart: string;
  billingPeriodStart: string;
  account: string;
  productName: string | null; // legacy column; CUR 2.0 keeps it in the `product` map
  serviceCode: string;
  productCode: string;
  regionCode: string;
  region: string | null;
  usageType: string;
  resourceId: string;
  usageAmount: string;
  unblended: string;
  netUnblended: string;
  reservationEffective: string;
  netReservationEffective: string;
  savingsPlanEffective: string;
  netSavingsPlanEffective: string;
  unusedUpfront: string;
  netUnusedUpfront: string;
  unusedRecurring: string;
  netUnusedRecurring: string;
  totalCommitment: string;
  usedCommitment: string;
  invoiceId: string;
  reservationArn: string;
}

export const LEGACY_CUR_COLUMNS: CurColumns = {
  lineItemType: "lineItem/LineItemType",
  usageStart: "lineItem/UsageStartDate",
  billingPeriodStart: "bill/BillingPeriodStartDate",
  account: "lineItem/UsageAccountId",
  productName: "product/ProductName",
  serviceCode: "product/servicecode",
  productCode: "lineItem/ProductCode",
  regionCode: "product/regionCode",
  region: "product/region",
  usageType: "lineItem/UsageType",
  resourceId: "lineItem/ResourceId",
  usageAmount: "lineItem/UsageAmount",
  unblended: "lineItem/UnblendedCost",
  netUnblended: "lineItem/NetUnblendedCost",
  reservationEffective: "reservation/EffectiveCost",
  netReservationEffective: "reservation/NetEffectiveCost",
  savingsPlanEffective: "savingsPlan/SavingsPlanEffectiveCost",
  netSavingsPlanEffective: "savingsPlan/NetSavingsPlanEffectiveCost",
  unusedUpfront: "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
  netUnusedUpfront: "reservation/NetUnusedAmortizedUpfrontFeeForBillingPeriod",
  unusedRecurring: "reservation/UnusedRecurringFee",
  netUnusedRecurring: "reservation/NetUnusedRecurringFee",
  totalCommitment: "savingsPlan/TotalCommitmentToDate",
  usedCommitment: "savingsPlan/UsedCommitment",
  invoiceId: "bill/InvoiceId",
  reservationArn: "reservation/ReservationARN",
};

export const CUR2_COLUMNS: CurColumns = {
  lineItemType: "line_item_line_item_type",
  usageStart: "line_item_usage_start_date",
  billingPeriodStart: "bill_billing_period_start_date",
  account: "line_item_usage_account_id",
  productName: null,
  serviceCode: "product_servicecode",
  productCode: "line_item_product_code",
  regionCode: "product_region_code",
  region: null,
  usageType: "line_item_usage_type",
  resourceId: "line_item_resource_id",
  usageAmount: "line_item_usage_amount",
  unblended: "line_item_unblended_cost",
  netUnblended: "line_item_net_unblended_cost",
  reservationEffective: "reservation_effective_cost",
  netReservationEffective: "reservation_net_effective_cost",
  savingsPlanEffective: "savings_plan_savings_plan_effective_cost",
  netSavingsPlanEffective: "savings_plan_net_savings_plan_effective_cost",
  unusedUpfront: "reservation_unused_amortized_upfront_fee_for_billing_period",
  netUnusedUpfront: "reservation_net_unused_amortized_upfront_fee_for_billing_period",
  unusedRecurring: "reservation_unused_recurring_fee",
  netUnusedRecurring: "reservation_net_unused_recurring_fee",
  totalCommitment: "savings_plan_total_commitment_to_date",
  usedCommitment: "savings_plan_used_commitment",
  invoiceId: "bill_invoice_id",
  reservationArn: "reservation_reservation_a_r_n",
};

/** The legacy CUR as its Athena integration (and its Parquet) writes it: the CUR 2.0 names, but the
 *  product columns are flat (`product_product_name`) and each tag is a column of its own. */
export const ATHENA_CUR_COLUMNS: CurColumns = { ...CUR2_COLUMNS, productName: "product_product_name", region: "product_region" };

/** The legacy CUR's columns in the spelling this header uses. */
export const legacyCurColumns = (header: readonly string[]): CurColumns => (header.includes(LEGACY_CUR_COLUMNS.unblended) ? LEGACY_CUR_COLUMNS : ATHENA_CUR_COLUMNS);

/** Columns a file must have to be read as this format (the rest may be absent). */
export function requiredCurColumns(columns: CurColumns): string[] {
  return [columns.lineItemType, columns.usageStart, columns.account, columns.unblended];
}
