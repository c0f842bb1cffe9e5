// The same line items written in every layout an export arrives in: the legacy CUR (slash names, CSV
// or Parquet; the Athena/Parquet snake_case layout with a column per tag), CUR 2.0 (maps) and FOCUS
// 1.0/1.2 as AWS, Azure and Google write it. Parquet stores costs as doubles, as AWS's does.
import { parquetWriteBuffer } from "hyparquet-writer";
import { athenaName } from "../../jobs/imports/aws-tag-keys";

export interface LayoutRow {
  type: "Usage" | "Tax";
  start: string;
  account: string;
  service: string;
  serviceCode: string;
  region: string;
  usageType: string;
  resourceId: string | null;
  tags: { team?: string; cost_center?: string; "aws:createdBy"?: string } & Partial<Record<AwsContainerTag, string>> & { [key: `kubernetes.io/cluster/${string}`]: string };
  cost: string;
  invoice: string;
  /** Split cost allocation data (a pod's or task's usage line); costs and usages as AWS writes them (doubles in Parquet). */
  split?: { splitCost: string; unusedCost: string; parent: string | null; reserved: string; actual: string; splitUsage: string; ratio: string };
}

/** The AWS-managed tags split cost allocation data puts on pods and tasks. */
export const AWS_CONTAINER_TAGS = ["aws:eks:cluster-name", "aws:eks:namespace", "aws:eks:workload-name", "aws:eks:node", "aws:ecs:clusterName", "aws:ecs:serviceName"] as const;
type AwsContainerTag = (typeof AWS_CONTAINER_TAGS)[number];

export const LAYOUT_ROWS: LayoutRow[] = [
  { type: "Usage", start: "2024-09-01T00:00:00Z", account: "111111111111", service: "Amazon Elastic Compute Cloud", serviceCode: "AmazonEC2", region: "us-east-1", usageType: "BoxUsage:m5.large", resourceId: "i-0a1", tags: { team: "payments", cost_center: "cc-42", "aws:createdBy": "ci" }, cost: "10.5", invoice: "INV-1" },
  // 0.1 + 0.2 as a double: stored as the 0.3 billed
  { type: "Usage", start: "2024-09-02T13:00:00Z", account: "111111111111", service: "Amazon Simple Storage Service", serviceCode: "AmazonS3", region: "us-east-1", usageType: "TimedStorage-ByteHrs", resourceId: "logs-bucket", tags: { team: "search" }, cost: "0.30000000000000004", invoice: "INV-1" },
  { type: "Tax", start: "2024-09-03T00:00:00Z", account: "222222222222", service: "Amazon Elastic Compute Cloud", serviceCode: "AmazonEC2", region: "", usageType: "", resourceId: null, tags: {}, cost: "1.05", invoice: "INV-2" },
];

const POD = "arn:aws:eks:us-east-1:111111111111:pod/prod-eks/payments";
const eks = (namespace: string, workload: string) => ({ "aws:eks:cluster-name": "prod-eks", "aws:eks:namespace": namespace, "aws:eks:workload-name": workload, "aws:eks:node": "ip-10-0-1-5.ec2.internal" });
const ecs = { "aws:ecs:clusterName": "jobs-ecs", "aws:ecs:serviceName": "reports" };
const podLine = (usageType: string, resourceId: string, tags: LayoutRow["tags"], split: NonNullable<LayoutRow["split"]>): LayoutRow => ({
  type: "Usage", start: "2024-09-04T05:00:00Z", account: "111111111111", service: "Amazon Elastic Compute Cloud", serviceCode: "AmazonEC2", region: "us-east-1",
  usageType, resourceId, tags, cost: "0", invoice: "INV-1", split,
});

/** Split cost allocation rows as AWS writes them, for one hour: two EC2 instances (an EKS node, an ECS
 *  container instance) at their amortized cost, and the vCPU and memory lines of the pods and the task that
 *  ran on them (zero line-item cost; split + unused cost of an instance's lines = its cost: 0.192 and 0.096). */
export const SPLIT_LAYOUT_ROWS: LayoutRow[] = [
  { type: "Usage", start: "2024-09-04T05:00:00Z", account: "111111111111", service: "Amazon Elastic Compute Cloud", serviceCode: "AmazonEC2", region: "us-east-1", usageType: "BoxUsage:m5.xlarge", resourceId: "i-0node1", tags: { "aws:eks:cluster-name": "prod-eks" }, cost: "0.192", invoice: "INV-1" },
  podLine("USE1-EKS-EC2-vCPU-Hours", `${POD}/api-7d9c/1a2b`, { ...eks("payments", "api"), team: "checkout" }, { splitCost: "0.06", unusedCost: "0.012", parent: "i-0node1", reserved: "1", actual: "0.5", splitUsage: "1", ratio: "0.25" }),
  podLine("USE1-EKS-EC2-GB-Hours", `${POD}/api-7d9c/1a2b`, { ...eks("payments", "api"), team: "checkout" }, { splitCost: "0.04", unusedCost: "0.008", parent: "i-0node1", reserved: "4", actual: "2.5", splitUsage: "4", ratio: "0.25" }),
  podLine("USE1-EKS-EC2-vCPU-Hours", `${POD}/worker-5f6/3c4d`, eks("payments", "worker"), { splitCost: "0.03", unusedCost: "0.006", parent: "i-0node1", reserved: "0.5", actual: "0.75", splitUsage: "0.75", ratio: "0.1875" }),
  podLine("USE1-EKS-EC2-GB-Hours", `${POD}/worker-5f6/3c4d`, eks("payments", "worker"), { splitCost: "0.03", unusedCost: "0.006", parent: "i-0node1", reserved: "3", actual: "1", splitUsage: "3", ratio: "0.1875" }),
  { type: "Usage", start: "2024-09-04T05:00:00Z", account: "111111111111", service: "Amazon Elastic Compute Cloud", serviceCode: "AmazonEC2", region: "us-east-1", usageType: "BoxUsage:m5.large", resourceId: "i-0ecs1", tags: { "aws:ecs:clusterName": "jobs-ecs" }, cost: "0.096", invoice: "INV-1" },
  podLine("USE1-ECS-EC2-vCPU-Hours", "arn:aws:ecs:us-east-1:111111111111:task/jobs-ecs/9e8f", ecs, { splitCost: "0.05", unusedCost: "0.01", parent: "i-0ecs1", reserved: "1", actual: "0.2", splitUsage: "1", ratio: "0.5" }),
  podLine("USE1-ECS-EC2-GB-Hours", "arn:aws:ecs:us-east-1:111111111111:task/jobs-ecs/9e8f", ecs, { splitCost: "0.03", unusedCost: "0.006", parent: "i-0ecs1", reserved: "4", actual: "1.5", splitUsage: "4", ratio: "0.5" }),
];

type Kind = "string" | "double" | "timestamp" | "map";
type Value = string | number | Date | Record<string, string> | null;
interface Column {
  name: string;
  kind: Kind;
  value: (row: LayoutRow) => Value;
}

const empty = (value: string) => (value === "" ? null : value);
const period = (row: LayoutRow) => `${row.start.slice(0, 7)}-01T00:00:00Z`;

/** The split cost allocation columns, in slash or snake spelling (CUR 2.0 and the Athena layout), when a row has split data. */
function splitColumns(rows: LayoutRow[], athena: boolean): Column[] {
  if (!rows.some((row) => row.split)) return [];
  type Split = NonNullable<LayoutRow["split"]>;
  const column = (slash: string, field: keyof Split, kind: Kind = "double"): Column => ({
    name: athena ? `split_line_item_${slash.replace(/(?<!^)[A-Z]/g, (c) => `_${c}`).toLowerCase()}` : `splitLineItem/${slash}`,
    kind,
    value: (r) => r.split?.[field] ?? null,
  });
  return [
    column("SplitCost", "splitCost"), column("UnusedCost", "unusedCost"), column("ParentResourceId", "parent", "string"), column("ReservedUsage", "reserved"),
    column("ActualUsage", "actual"), column("SplitUsage", "splitUsage"), column("SplitUsageRatio", "ratio"),
  ];
}

/** The legacy CUR's columns, in slash or Athena spelling. */
function legacyColumns(athena: boolean, rows: LayoutRow[] = []): Column[] {
  const name = (slash: string, snake: string) => (athena ? snake : slash);
  const tag = (key: keyof LayoutRow["tags"]) => (row: LayoutRow) => row.tags[key] ?? null;
  // the tag self-managed Kubernetes puts on a cluster's instances (a user tag once activated)
  const clusterKeys = [...new Set(rows.flatMap((row) => Object.keys(row.tags).filter((key) => key.startsWith("kubernetes.io/cluster/"))))] as `kubernetes.io/cluster/${string}`[];
  const clusterColumns: Column[] = clusterKeys.map((key) => ({ name: athena ? `resource_tags_user_${athenaName(key)}` : `resourceTags/user:${key}`, kind: "string", value: tag(key) }));
  const awsColumns: Column[] = AWS_CONTAINER_TAGS.filter((key) => rows.some((row) => row.tags[key] !== undefined)).map((key) => ({
    name: athena ? `resource_tags_aws_${key.slice(4).replace(/(?<!^)[A-Z]/g, (c) => `_${c}`).toLowerCase().replace(/[^a-z0-9]/g, "_")}` : `resourceTags/${key}`,
    kind: "string",
    value: tag(key),
  }));
  return [
    { name: name("bill/InvoiceId", "bill_invoice_id"), kind: "string", value: (r) => r.invoice },
    { name: name("bill/BillingPeriodStartDate", "bill_billing_period_start_date"), kind: "timestamp", value: period },
    { name: name("lineItem/LineItemType", "line_item_line_item_type"), kind: "string", value: (r) => r.type },
    { name: name("lineItem/UsageStartDate", "line_item_usage_start_date"), kind: "timestamp", value: (r) => r.start },
    { name: name("lineItem/UsageAccountId", "line_item_usage_account_id"), kind: "string", value: (r) => r.account },
    { name: name("product/ProductName", "product_product_name"), kind: "string", value: (r) => r.service },
    { name: name("product/servicecode", "product_servicecode"), kind: "string", value: (r) => r.serviceCode },
    { name: name("product/regionCode", "product_region_code"), kind: "string", value: (r) => empty(r.region) },
    { name: name("lineItem/UsageType", "line_item_usage_type"), kind: "string", value: (r) => empty(r.usageType) },
    { name: name("lineItem/ResourceId", "line_item_resource_id"), kind: "string", value: (r) => r.resourceId },
    { name: name("lineItem/UnblendedCost", "line_item_unblended_cost"), kind: "double", value: (r) => r.cost },
    { name: name("resourceTags/user:team", "resource_tags_user_team"), kind: "string", value: tag("team") },
    { name: name("resourceTags/user:cost_center", "resource_tags_user_cost_center"), kind: "string", value: tag("cost_center") },
    { name: name("resourceTags/aws:createdBy", "resource_tags_aws_created_by"), kind: "string", value: tag("aws:createdBy") },
    ...awsColumns,
    ...clusterColumns,
    ...splitColumns(rows, athena),
  ];
}

function cur2Columns(rows: LayoutRow[]): Column[] {
  // CUR 2.0 writes `aws_` and the key with its separators as underscores (aws_createdBy, aws_eks_cluster_name).
  const renamed = (tags: LayoutRow["tags"]) => Object.fromEntries(Object.entries(tags).map(([k, v]) => [k.startsWith("aws:") ? `aws_${k.slice(4).replace(/[^A-Za-z0-9]/g, "_")}` : `user_${k}`, v]));
  return [
    ...legacyColumns(true, rows).filter((c) => !c.name.startsWith("resource_tags_") && c.name !== "product_product_name"),
    { name: "product", kind: "map", value: (r) => ({ product_name: r.service, servicecode: r.serviceCode }) },
    { name: "resource_tags", kind: "map", value: (r) => renamed(r.tags) },
    { name: "cost_category", kind: "map", value: () => ({ business_unit: "retail" }) },
  ];
}

type Focus = { version: "1.0" | "1.2"; provider: "AWS" | "Microsoft" | "Google" };
function focusColumns({ version, provider }: Focus): Column[] {
  const nullable = (value: string | null) => (value === null || value === "" ? null : value);
  const columns: Column[] = [
    { name: "BilledCost", kind: "double", value: (r) => r.cost },
    { name: "EffectiveCost", kind: "double", value: (r) => r.cost },
    { name: "BillingPeriodStart", kind: "timestamp", value: period },
    { name: "ChargePeriodStart", kind: "timestamp", value: (r) => r.start },
    { name: "ChargeCategory", kind: "string", value: (r) => r.type },
    { name: "ChargeClass", kind: "string", value: () => null },
    { name: "BillingAccountId", kind: "string", value: () => "999999999999" },
    { name: "SubAccountId", kind: "string", value: (r) => r.account },
    { name: "ServiceName", kind: "string", value: (r) => r.service },
    { name: "RegionId", kind: "string", value: (r) => nullable(r.region) },
    { name: "ResourceId", kind: "string", value: (r) => r.resourceId },
    { name: "Tags", kind: "map", value: (r) => ({ ...r.tags }) },
  ];
  // AWS 1.0 writes the usage type as x_UsageType, AWS 1.2 (and Azure) as SkuMeter; Google's SkuId is it.
  if (provider === "AWS" && version === "1.0") columns.push({ name: "x_UsageType", kind: "string", value: (r) => nullable(r.usageType) }, { name: "SkuId", kind: "string", value: (r) => (r.usageType ? "SKU-1" : null) });
  else if (version === "1.2") columns.push({ name: "SkuMeter", kind: "string", value: (r) => nullable(r.usageType) }, { name: "SkuId", kind: "string", value: (r) => (r.usageType ? "SKU-1" : null) });
  else columns.push({ name: "SkuId", kind: "string", value: (r) => nullable(r.usageType) });
  if (version === "1.2") columns.push({ name: "InvoiceId", kind: "string", value: (r) => r.invoice });
  if (provider === "AWS") columns.push({ name: "x_ServiceCode", kind: "string", value: (r) => r.serviceCode }, { name: "x_Operation", kind: "string", value: () => "RunInstances" });
  if (provider === "Microsoft") columns.push({ name: "x_ResourceGroupName", kind: "string", value: () => "rg-payments" }, { name: "x_SkuMeterCategory", kind: "string", value: () => "Virtual Machines" });
  if (provider === "Google") columns.push({ name: "x_ProjectId", kind: "string", value: () => "payments-prod" });
  return columns;
}

function csv(columns: Column[], rows: LayoutRow[], nullWord = ""): string {
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  const field = (value: Value) => (value === null ? nullWord : typeof value === "object" ? quote(JSON.stringify(value)) : quote(String(value)));
  return [columns.map((c) => c.name).join(","), ...rows.map((row) => columns.map((c) => field(c.value(row))).join(","))].join("\n") + "\n";
}

function parquet(columns: Column[], rows: LayoutRow[]): Buffer {
  const optional = { repetition_type: "OPTIONAL" };
  const schema: Record<string, unknown>[] = [{ name: "root", num_children: columns.length }];
  for (const column of columns) {
    if (column.kind === "map") {
      schema.push({ name: column.name, ...optional, converted_type: "MAP", num_children: 1 }, { name: "key_value", repetition_type: "REPEATED", num_children: 2 });
      schema.push({ name: "key", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" }, { name: "value", type: "BYTE_ARRAY", converted_type: "UTF8", ...optional });
    } else if (column.kind === "double") schema.push({ name: column.name, type: "DOUBLE", ...optional });
    else if (column.kind === "timestamp") schema.push({ name: column.name, type: "INT64", ...optional, logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" } });
    else schema.push({ name: column.name, type: "BYTE_ARRAY", converted_type: "UTF8", ...optional });
  }
  const typed = (column: Column, row: LayoutRow): unknown => {
    const value = column.value(row);
    if (value === null) return null;
    if (column.kind === "double") return Number(value); // "0.30000000000000004" -> the double 0.1 + 0.2
    if (column.kind === "timestamp") return new Date(value as string);
    if (column.kind === "map") return Object.keys(value as object).length > 0 ? value : null;
    return value;
  };
  const columnData = columns.map((column) => ({ name: column.name, data: rows.map((row) => typed(column, row)) as never }));
  return Buffer.from(parquetWriteBuffer({ schema: schema as never, columnData }));
}

export const layoutFiles = {
  legacyCsv: (rows: LayoutRow[]) => csv(legacyColumns(false, rows), rows),
  legacyParquet: (rows: LayoutRow[]) => parquet(legacyColumns(false, rows), rows),
  athenaParquet: (rows: LayoutRow[]) => parquet(legacyColumns(true, rows), rows),
  athenaCsv: (rows: LayoutRow[]) => csv(legacyColumns(true, rows), rows),
  cur2Csv: (rows: LayoutRow[]) => csv(cur2Columns(rows), rows),
  cur2Parquet: (rows: LayoutRow[]) => parquet(cur2Columns(rows), rows),
  focusCsv: (focus: Focus, rows: LayoutRow[]) => csv(focusColumns(focus), rows, "NULL"),
  focusParquet: (focus: Focus, rows: LayoutRow[]) => parquet(focusColumns(focus), rows),
};
