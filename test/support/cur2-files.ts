// Generated CUR 2.0 exports for tests: rows with their expected amortized cost, written as Parquet
// (hyparquet-writer, with a real resource_tags MAP column) or as (gzip) CSV with snake_case headers.
import { gzipSync } from "node:zlib";
import Decimal from "decimal.js";
import { parquetWriteBuffer } from "hyparquet-writer";

export interface Cur2Row {
  type: string;
  start: string; // ISO timestamp
  account: string;
  unblended: string;
  spEffective?: string;
  tags: Record<string, string>;
  expectedAmortized: string;
}

export function cur2Rows(period: string, scale = "1"): Cur2Row[] {
  const k = (value: string) => new Decimal(value).times(scale).toFixed();
  return [
    { type: "Usage", start: `${period}-01T00:00:00Z`, account: "111111111111", unblended: k("10.5"), tags: { user_team: "payments", aws_createdBy: "ci" }, expectedAmortized: k("10.5") },
    { type: "SavingsPlanCoveredUsage", start: `${period}-02T13:00:00Z`, account: "111111111111", unblended: k("4"), spEffective: k("2.75"), tags: { user_team: "search" }, expectedAmortized: k("2.75") },
    { type: "SavingsPlanNegation", start: `${period}-02T13:00:00Z`, account: "111111111111", unblended: k("-4"), tags: {}, expectedAmortized: "0" },
    { type: "Tax", start: `${period}-03T00:00:00Z`, account: "222222222222", unblended: k("1.05"), tags: {}, expectedAmortized: k("1.05") },
  ];
}

export function cur2Parquet(rows: Cur2Row[]): Buffer {
  const schema = [
    { name: "root", num_children: 9 },
    { name: "bill_billing_period_start_date", type: "INT64", repetition_type: "OPTIONAL", logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" } },
    { name: "line_item_line_item_type", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    { name: "line_item_usage_start_date", type: "INT64", repetition_type: "OPTIONAL", logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" } },
    { name: "line_item_usage_account_id", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    { name: "line_item_unblended_cost", type: "DOUBLE", repetition_type: "OPTIONAL" },
    { name: "savings_plan_savings_plan_effective_cost", type: "DOUBLE", repetition_type: "OPTIONAL" },
    { name: "product_servicecode", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    { name: "line_item_usage_type", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    { name: "resource_tags", repetition_type: "OPTIONAL", converted_type: "MAP", num_children: 1 },
    { name: "key_value", repetition_type: "REPEATED", num_children: 2 },
    { name: "key", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
    { name: "value", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
  ];
  const column = (name: string, data: unknown[]) => ({ name, data: data as never });
  const buffer = parquetWriteBuffer({
    schema: schema as never,
    columnData: [
      column("bill_billing_period_start_date", rows.map((r) => new Date(`${r.start.slice(0, 7)}-01T00:00:00Z`))),
      column("line_item_line_item_type", rows.map((r) => r.type)),
      column("line_item_usage_start_date", rows.map((r) => new Date(r.start))),
      column("line_item_usage_account_id", rows.map((r) => r.account)),
      column("line_item_unblended_cost", rows.map((r) => Number(r.unblended))), // CUR 2.0 Parquet stores doubles
      column("savings_plan_savings_plan_effective_cost", rows.map((r) => (r.spEffective === undefined ? null : Number(r.spEffective)))),
      column("product_servicecode", rows.map(() => "AmazonEC2")),
      column("line_item_usage_type", rows.map(() => "BoxUsage:m5.large")),
      column("resource_tags", rows.map((r) => (Object.keys(r.tags).length ? r.tags : null))),
    ],
  });
  return Buffer.from(buffer);
}

export function cur2Csv(rows: Cur2Row[]): string {
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  const header = "bill_billing_period_start_date,line_item_line_item_type,line_item_usage_start_date,line_item_usage_account_id,line_item_unblended_cost,savings_plan_savings_plan_effective_cost,product_servicecode,resource_tags";
  const lines = rows.map((r) => [`${r.start.slice(0, 7)}-01T00:00:00Z`, r.type, r.start, r.account, r.unblended, r.spEffective ?? "", "AmazonEC2", JSON.stringify(r.tags)].map(quote).join(","));
  return [header, ...lines].join("\n") + "\n";
}

export const gzipCsv = (csv: string) => gzipSync(Buffer.from(csv));

export function totals(rows: Cur2Row[]): { unblended: string; amortized: string } {
  return {
    unblended: rows.reduce((sum, r) => sum.plus(r.unblended), new Decimal(0)).toFixed(),
    amortized: rows.reduce((sum, r) => sum.plus(r.expectedAmortized), new Decimal(0)).toFixed(),
  };
}
