// The CUR amortization rules and the FOCUS mapping, table-driven, on hand-written rows.
import { describe, expect, it } from "vitest";
import { curMapper } from "../../jobs/imports/map-cur";
import { mapFocusRow } from "../../jobs/imports/map-focus";
import { detectFormat } from "../../jobs/imports/detect-format";
import { tagKeyOfColumn } from "../../jobs/imports/tag-columns";
import { FieldError, type RawRow } from "../../jobs/imports/line-item";

const mapRow = (format: "cur" | "cur2", row: RawRow) => curMapper("test.csv", format, Object.keys(row))(row);

const base = {
  "lineItem/UsageStartDate": "2024-09-03T23:00:00Z",
  "bill/BillingPeriodStartDate": "2024-09-01T00:00:00Z",
  "lineItem/UsageAccountId": "111111111111",
  "product/ProductName": "Amazon Elastic Compute Cloud",
  "product/regionCode": "us-east-1",
  "lineItem/UsageType": "BoxUsage:m5.large",
};

const amortizationCases: { type: string; fields: Record<string, string>; amortized: string; net: string }[] = [
  { type: "Usage", fields: { "lineItem/UnblendedCost": "1.25" }, amortized: "1.25", net: "1.25" },
  { type: "Tax", fields: { "lineItem/UnblendedCost": "0.3" }, amortized: "0.3", net: "0.3" },
  { type: "Credit", fields: { "lineItem/UnblendedCost": "-5" }, amortized: "-5", net: "-5" },
  { type: "Refund", fields: { "lineItem/UnblendedCost": "-1.1" }, amortized: "-1.1", net: "-1.1" },
  { type: "Fee", fields: { "lineItem/UnblendedCost": "12" }, amortized: "12", net: "12" },
  // An RI bought all upfront: DiscountedUsage carries it amortized, so the purchase itself counts 0 (else $8,760 counts twice).
  { type: "Fee", fields: { "lineItem/UnblendedCost": "8760", "reservation/ReservationARN": "arn:aws:ec2:us-east-1:111111111111:reserved-instances/ri-1" }, amortized: "0", net: "0" },
  { type: "Fee", fields: { "lineItem/UnblendedCost": "8760", "lineItem/NetUnblendedCost": "8500", "reservation/ReservationARN": "arn:aws:ec2:us-east-1:111111111111:reserved-instances/ri-1" }, amortized: "0", net: "0" },
  { type: "DiscountedUsage", fields: { "lineItem/UnblendedCost": "0", "reservation/EffectiveCost": "0.0634" }, amortized: "0.0634", net: "0.0634" },
  { type: "DiscountedUsage", fields: { "lineItem/UnblendedCost": "0", "reservation/EffectiveCost": "0.0634", "reservation/NetEffectiveCost": "0.06" }, amortized: "0.0634", net: "0.06" },
  { type: "SavingsPlanCoveredUsage", fields: { "lineItem/UnblendedCost": "0.096", "savingsPlan/SavingsPlanEffectiveCost": "0.0605" }, amortized: "0.0605", net: "0.0605" },
  { type: "SavingsPlanNegation", fields: { "lineItem/UnblendedCost": "-0.096" }, amortized: "0", net: "0" },
  { type: "SavingsPlanUpfrontFee", fields: { "lineItem/UnblendedCost": "8760" }, amortized: "0", net: "0" },
  { type: "RIFee", fields: { "lineItem/UnblendedCost": "30", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod": "1.5", "reservation/UnusedRecurringFee": "2.25" }, amortized: "3.75", net: "3.75" },
  { type: "RIFee", fields: { "lineItem/UnblendedCost": "30", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod": "1.5", "reservation/UnusedRecurringFee": "2.25", "reservation/NetUnusedRecurringFee": "2" }, amortized: "3.75", net: "3.5" },
  { type: "SavingsPlanRecurringFee", fields: { "lineItem/UnblendedCost": "72", "savingsPlan/TotalCommitmentToDate": "72", "savingsPlan/UsedCommitment": "70.1" }, amortized: "1.9", net: "1.9" },
  { type: "Usage", fields: { "lineItem/UnblendedCost": "0.1", "lineItem/NetUnblendedCost": "0.09" }, amortized: "0.1", net: "0.09" },
];

// Costs are kept to 10 decimals, half to even (a Parquet double reads back as the decimal billed).
const scaleCases = [
  { written: "0.30000000000000004", stored: "0.3" },
  { written: "0.1000000000000001", stored: "0.1" },
  { written: "0.00000000005", stored: "0" },
  { written: "0.00000000015", stored: "0.0000000002" },
  { written: "-0.00000000025", stored: "-0.0000000002" },
  { written: "1.0000000001", stored: "1.0000000001" },
];

describe("CUR amortization by line item type", () => {
  it.each(amortizationCases)("$type $fields -> amortized $amortized, net $net", ({ type, fields, amortized, net }) => {
    const item = mapRow("cur", { ...base, "lineItem/LineItemType": type, ...fields });
    expect(item).toMatchObject({ recordType: type, unblended: fields["lineItem/UnblendedCost"], amortized, netAmortized: net });
  });

  it.each(scaleCases)("a cost of $written is stored as $stored", ({ written, stored }) => {
    const item = mapRow("cur", { ...base, "lineItem/LineItemType": "Usage", "lineItem/UnblendedCost": written });
    expect(item).toMatchObject({ unblended: stored, amortized: stored, netAmortized: stored });
    expect(mapFocusRow({ ...focusRow, BilledCost: written, EffectiveCost: written })).toMatchObject({ unblended: stored, amortized: stored });
  });

  it("the same rules hold for CUR 2.0 column names, with the resource_tags map and product map", () => {
    const item = mapRow(
      "cur2",
      {
        line_item_line_item_type: "SavingsPlanCoveredUsage",
        line_item_usage_start_date: new Date("2024-09-30T23:00:00Z"),
        bill_billing_period_start_date: new Date("2024-09-01T00:00:00Z"),
        line_item_usage_account_id: "222222222222",
        line_item_unblended_cost: 0.096,
        savings_plan_savings_plan_effective_cost: 0.0605,
        savings_plan_net_savings_plan_effective_cost: 0.055,
        product_servicecode: "AmazonEC2",
        product: { product_name: "Amazon Elastic Compute Cloud" },
        product_region_code: "eu-west-1",
        line_item_resource_id: "i-0abc",
        resource_tags: { user_team: "payments", aws_createdBy: "ci", user_Cost_Center: "42" },
      },
    );
    expect(item).toEqual({
      day: "2024-09-30", billingPeriod: "2024-09-01", accountId: "222222222222", service: "Amazon Elastic Compute Cloud", region: "eu-west-1",
      usageType: "", recordType: "SavingsPlanCoveredUsage", resourceId: "i-0abc", tags: { team: "payments", "aws:createdBy": "ci", Cost_Center: "42" },
      unblended: "0.096", amortized: "0.0605", netAmortized: "0.055", usageQuantity: null, invoiceId: null,
      // an EC2 instance line keeps its UTC hour, for attribution through the pods that ran on it
      split: { split_cost: null, unused_cost: null, net_split_cost: null, net_unused_cost: null, parent_resource_id: null, reserved_usage: null, actual_usage: null, split_usage: null, split_usage_ratio: null, usage_hour: "23" },
    });
  });

  it("legacy tag columns: user: prefix stripped, aws: kept, empty values dropped", () => {
    const item = mapRow("cur", { ...base, "lineItem/LineItemType": "Usage", "lineItem/UnblendedCost": "1", "resourceTags/user:team": "search", "resourceTags/aws:createdBy": "x", "resourceTags/user:env": "" });
    expect(item.tags).toEqual({ team: "search", "aws:createdBy": "x" });
    expect(item.day).toBe("2024-09-03");
  });

  const errorCases: { name: string; fields: Record<string, string>; column: string }[] = [
    { name: "a cost that is not a number", fields: { "lineItem/LineItemType": "Usage", "lineItem/UnblendedCost": "1,5" }, column: "lineItem/UnblendedCost" },
    { name: "a missing usage start", fields: { "lineItem/LineItemType": "Usage", "lineItem/UnblendedCost": "1", "lineItem/UsageStartDate": "" }, column: "lineItem/UsageStartDate" },
    { name: "a bad timestamp", fields: { "lineItem/LineItemType": "Usage", "lineItem/UnblendedCost": "1", "lineItem/UsageStartDate": "2024-02-30T00:00:00Z" }, column: "lineItem/UsageStartDate" },
    { name: "covered usage without its effective cost", fields: { "lineItem/LineItemType": "DiscountedUsage", "lineItem/UnblendedCost": "0" }, column: "reservation/EffectiveCost" },
    { name: "a missing account", fields: { "lineItem/LineItemType": "Usage", "lineItem/UnblendedCost": "1", "lineItem/UsageAccountId": "" }, column: "lineItem/UsageAccountId" },
  ];
  it.each(errorCases)("rejects $name naming $column", ({ fields, column }) => {
    const run = () => mapRow("cur", { ...base, ...fields });
    expect(run).toThrow(FieldError);
    expect(run).toThrow(expect.objectContaining({ column }));
  });
});

const focusRow = {
    BilledCost: "0.0120", EffectiveCost: "0.0100", ChargePeriodStart: "2024-09-21 23:00:00", BillingPeriodStart: "2024-09-01 00:00:00",
    ChargeCategory: "Usage", ChargeClass: "NULL", SubAccountId: "51738928782", BillingAccountId: "1", ServiceName: "Amazon Simple Queue Service",
    RegionId: "NULL", ResourceId: "NULL", SkuId: "G95F", ConsumedQuantity: "2.0", Tags: '{" org": "x", "env": "dev", "n": 3}',
};

describe("FOCUS mapping", () => {
  const row = focusRow;
  const cases: { name: string; change: Record<string, string>; expected: Record<string, unknown> }[] = [
    { name: "BilledCost/EffectiveCost, NULL strings as nulls, tags as written", change: {}, expected: { unblended: "0.012", amortized: "0.01", netAmortized: "0.01", region: "", resourceId: null, usageType: "G95F", recordType: "Usage", day: "2024-09-21", tags: { " org": "x", env: "dev", n: "3" }, usageQuantity: "2" } },
    { name: "x_UsageType wins over SkuId", change: { x_UsageType: "USW2-Requests-Tier1" }, expected: { usageType: "USW2-Requests-Tier1" } },
    { name: "FOCUS 1.2: SkuMeter over SkuId, and InvoiceId", change: { SkuMeter: "USW2-Requests-Tier1", InvoiceId: "EUINGB24-1" }, expected: { usageType: "USW2-Requests-Tier1", invoiceId: "EUINGB24-1" } },
    { name: "Tags as a list of {key, value}", change: { Tags: '[{"key": "team", "value": "x"}, {"key": "env", "value": null}]' }, expected: { tags: { team: "x" } } },
    { name: "ChargeClass joins the category", change: { ChargeClass: "Correction" }, expected: { recordType: "Usage/Correction" } },
    { name: "no sub account: the billing account", change: { SubAccountId: "NULL" }, expected: { accountId: "1" } },
    { name: "an offset timestamp counts in UTC", change: { ChargePeriodStart: "2024-09-21T23:30:00-02:00" }, expected: { day: "2024-09-22" } },
    { name: "the billing period is the export's, not the usage month", change: { BillingPeriodStart: "2024-10-01 00:00:00", ChargePeriodStart: "2024-09-30 22:00:00" }, expected: { day: "2024-09-30", billingPeriod: "2024-10-01" } },
  ];
  it.each(cases)("$name", ({ change, expected }) => expect(mapFocusRow({ ...row, ...change })).toMatchObject(expected));

  it("a Tags value that is not JSON names the column", () => {
    expect(() => mapFocusRow({ ...row, Tags: "{team: x}" })).toThrow(expect.objectContaining({ column: "Tags" }));
  });

});

describe("layouts", () => {
  const detection: { columns: string[]; format: string | null }[] = [
    { columns: ["identity/LineItemId", "lineItem/UnblendedCost"], format: "cur" },
    { columns: ["line_item_unblended_cost", "resource_tags"], format: "cur2" },
    { columns: ["line_item_unblended_cost", "product", "cost_category"], format: "cur2" },
    { columns: ["line_item_unblended_cost", "bill_invoice_id", "resource_tags_user_cost_center"], format: "cur" },
    { columns: ["line_item_unblended_cost", "product_product_name"], format: "cur" },
    { columns: ["line_item_unblended_cost"], format: "cur2" },
    { columns: ["BilledCost", "ChargePeriodStart"], format: "focus" },
    { columns: ["cost"], format: null },
  ];
  it.each(detection)("$columns -> $format", ({ columns, format }) => expect(detectFormat(columns)).toBe(format));

  const tagKeys: [string, string | null][] = [
    ["resourceTags/user:CostCenter", "CostCenter"],
    ["resourceTags/aws:createdBy", "aws:createdBy"],
    ["resource_tags_user_cost_center", "cost_center"],
    ["resource_tags_aws_created_by", "aws:createdBy"],
    ["resource_tags_aws_cloudformation_stack_name", "aws:cloudformation:stack-name"],
    ["resource_tags_aws_some_new_tag", "aws:some_new_tag"],
    ["resource_tags", null],
    ["lineItem/UnblendedCost", null],
  ];
  it.each(tagKeys)("tag column %s -> key %s", (column, key) => expect(tagKeyOfColumn(column)).toBe(key));

  it("the legacy mapper reads the Athena layout's tag columns and invoice id", () => {
    const item = mapRow("cur", {
      line_item_line_item_type: "Usage", line_item_usage_start_date: "2024-09-01T00:00:00Z", line_item_usage_account_id: "1", line_item_unblended_cost: 0.30000000000000004,
      product_product_name: "Amazon EC2", bill_invoice_id: "INV-1", resource_tags_user_team: "payments", resource_tags_aws_created_by: "ci", resource_tags_user_env: null,
    });
    expect(item).toMatchObject({ service: "Amazon EC2", unblended: "0.3", invoiceId: "INV-1", tags: { team: "payments", "aws:createdBy": "ci" } });
  });
});
