// The same line items in every layout an export arrives in import to the same stored rows, tags
// (as Cost Explorer spells the keys), invoice ids and totals; CSV goes the PostgreSQL way, Parquet the Node way.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { importFromLocation } from "../../jobs/imports/import-location";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { storedTotals } from "../support/import-totals";
import { LAYOUT_ROWS, layoutFiles, SPLIT_LAYOUT_ROWS } from "../support/layout-files";
import { zipOne } from "../support/zip-file";

let database: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "tallyboard-layouts-"));
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const rows = LAYOUT_ROWS;
const csv = (text: string) => Buffer.from(text);
const layouts: { name: string; file: string; bytes: Buffer; source: "cur" | "focus"; parsedBy: "postgres" | "node"; invoices: boolean }[] = [
  { name: "legacy CUR CSV", file: "cur.csv", bytes: csv(layoutFiles.legacyCsv(rows)), source: "cur", parsedBy: "postgres", invoices: true },
  { name: "legacy CUR CSV, gzip", file: "cur.csv.gz", bytes: gzipSync(layoutFiles.legacyCsv(rows)), source: "cur", parsedBy: "postgres", invoices: true },
  { name: "legacy CUR CSV, zip", file: "cur.csv.zip", bytes: zipOne("cur-00001.csv", csv(layoutFiles.legacyCsv(rows))), source: "cur", parsedBy: "postgres", invoices: true },
  { name: "legacy CUR Parquet, slash names", file: "cur-slash.parquet", bytes: layoutFiles.legacyParquet(rows), source: "cur", parsedBy: "postgres", invoices: true },
  { name: "legacy CUR Athena/Parquet layout", file: "cur-athena.parquet", bytes: layoutFiles.athenaParquet(rows), source: "cur", parsedBy: "postgres", invoices: true },
  { name: "legacy CUR Athena layout as CSV text", file: "cur-athena.csv", bytes: csv(layoutFiles.athenaCsv(rows)), source: "cur", parsedBy: "postgres", invoices: true },
  { name: "CUR 2.0 CSV", file: "cur2.csv", bytes: csv(layoutFiles.cur2Csv(rows)), source: "cur", parsedBy: "postgres", invoices: true },
  { name: "CUR 2.0 Parquet", file: "cur2.parquet", bytes: layoutFiles.cur2Parquet(rows), source: "cur", parsedBy: "postgres", invoices: true },
  { name: "FOCUS 1.0 AWS CSV", file: "focus-aws-10.csv", bytes: csv(layoutFiles.focusCsv({ version: "1.0", provider: "AWS" }, rows)), source: "focus", parsedBy: "postgres", invoices: false },
  { name: "FOCUS 1.2 AWS CSV", file: "focus-aws-12.csv", bytes: csv(layoutFiles.focusCsv({ version: "1.2", provider: "AWS" }, rows)), source: "focus", parsedBy: "postgres", invoices: true },
  { name: "FOCUS 1.2 AWS Parquet", file: "focus-aws-12.parquet", bytes: layoutFiles.focusParquet({ version: "1.2", provider: "AWS" }, rows), source: "focus", parsedBy: "postgres", invoices: true },
  { name: "FOCUS 1.0 Azure CSV", file: "focus-azure-10.csv", bytes: csv(layoutFiles.focusCsv({ version: "1.0", provider: "Microsoft" }, rows)), source: "focus", parsedBy: "postgres", invoices: false },
  { name: "FOCUS 1.2 Azure CSV", file: "focus-azure-12.csv", bytes: csv(layoutFiles.focusCsv({ version: "1.2", provider: "Microsoft" }, rows)), source: "focus", parsedBy: "postgres", invoices: true },
  { name: "FOCUS 1.0 Google CSV", file: "focus-google-10.csv", bytes: csv(layoutFiles.focusCsv({ version: "1.0", provider: "Google" }, rows)), source: "focus", parsedBy: "postgres", invoices: false },
];

const expected = [
  ["2024-09-01", "111111111111", "Amazon Elastic Compute Cloud", "us-east-1", "BoxUsage:m5.large", "Usage", "i-0a1", { "aws:createdBy": "ci", cost_center: "cc-42", team: "payments" }, "10.5", "10.5", "10.5"],
  ["2024-09-02", "111111111111", "Amazon Simple Storage Service", "us-east-1", "TimedStorage-ByteHrs", "Usage", "logs-bucket", { team: "search" }, "0.3", "0.3", "0.3"],
  ["2024-09-03", "222222222222", "Amazon Elastic Compute Cloud", "", "", "Tax", null, {}, "1.05", "1.05", "1.05"],
];

const stored = (source: string) =>
  queryRows<{ day: string; account_id: string; service: string; region: string; usage_type: string; record_type: string; resource_id: string | null; tags: Record<string, string>; u: string; a: string; n: string; invoice_id: string | null }>(
    database.db,
    sql`select day::text, account_id, service, region, usage_type, record_type, resource_id, tags, unblended_cost::text as u, amortized_cost::text as a, net_amortized_cost::text as n, invoice_id
        from cost_line_items where source = ${source} order by day`,
  );
const sortedKeys = (tags: Record<string, string>) => Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)));

it.each(layouts)("$name stores the same line items, tags, invoice ids and totals (10.5 + 0.3 + 1.05 = 11.85)", async ({ file, bytes, source, parsedBy, invoices }) => {
  const path = join(dir, file);
  writeFileSync(path, bytes);
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  expect((run.details as { files: { parsedBy: string }[] }).files.map((f) => f.parsedBy)).toEqual([parsedBy]);
  const lines = await stored(source); // each import replaces the period of its source
  expect(lines.map((l) => [l.day, l.account_id, l.service, l.region, l.usage_type, l.record_type, l.resource_id, sortedKeys(l.tags), l.u, l.a, l.n])).toEqual(expected);
  expect(lines.map((l) => l.invoice_id)).toEqual(invoices ? ["INV-1", "INV-1", "INV-2"] : [null, null, null]);
  expect(await storedTotals(database.db, source)).toEqual({ rows: 3, unblended: "11.85", amortized: "11.85", netAmortized: "11.85" });
});

it("a file whose tag columns give one key twice is refused naming both columns, and nothing is written", async () => {
  const before = await stored("cur");
  const path = join(dir, "colliding.csv");
  const text = layoutFiles.legacyCsv(rows).replace("resourceTags/user:cost_center", "resource_tags_user_team");
  writeFileSync(path, text);
  const { run, rejected } = await importFromLocation(database, path);
  expect(run.status).toBe("failed");
  expect(rejected).toMatchObject({ file: path, line: 1, column: "resource_tags_user_team" });
  expect(rejected?.message).toContain('tag columns resourceTags/user:team and resource_tags_user_team both give the tag key "team"');
  expect(await stored("cur")).toEqual(before);
});

// Split cost allocation data: every CUR layout stores the same split fields, the hour of split and
// instance lines, and the AWS-managed container tags as Cost Explorer spells them.
const splitRows = [...rows, ...SPLIT_LAYOUT_ROWS];
const curLayouts: { name: string; file: string; bytes: Buffer }[] = [
  { name: "legacy CUR CSV (splitLineItem/*)", file: "split-cur.csv", bytes: csv(layoutFiles.legacyCsv(splitRows)) },
  { name: "legacy CUR Parquet, slash names", file: "split-cur-slash.parquet", bytes: layoutFiles.legacyParquet(splitRows) },
  { name: "legacy CUR Athena/Parquet layout (split_line_item_*)", file: "split-cur-athena.parquet", bytes: layoutFiles.athenaParquet(splitRows) },
  { name: "legacy CUR Athena layout as CSV text", file: "split-cur-athena.csv", bytes: csv(layoutFiles.athenaCsv(splitRows)) },
  { name: "CUR 2.0 CSV (split_line_item_*)", file: "split-cur2.csv", bytes: csv(layoutFiles.cur2Csv(splitRows)) },
  { name: "CUR 2.0 Parquet", file: "split-cur2.parquet", bytes: layoutFiles.cur2Parquet(splitRows) },
];
const podArn = "arn:aws:eks:us-east-1:111111111111:pod/prod-eks/payments";
const eksTags = (namespace: string, workload: string) => ({ "aws:eks:cluster-name": "prod-eks", "aws:eks:namespace": namespace, "aws:eks:node": "ip-10-0-1-5.ec2.internal", "aws:eks:workload-name": workload });
const ecsTags = { "aws:ecs:clusterName": "jobs-ecs", "aws:ecs:serviceName": "reports" };
const task = "arn:aws:ecs:us-east-1:111111111111:task/jobs-ecs/9e8f";
// resource, usage type, tags, split, unused, parent, reserved, actual, split usage, ratio, hour
const expectedSplit = [
  [task, "USE1-ECS-EC2-GB-Hours", ecsTags, "0.03", "0.006", "i-0ecs1", "4", "1.5", "4", "0.5", 5],
  [task, "USE1-ECS-EC2-vCPU-Hours", ecsTags, "0.05", "0.01", "i-0ecs1", "1", "0.2", "1", "0.5", 5],
  [`${podArn}/api-7d9c/1a2b`, "USE1-EKS-EC2-GB-Hours", { ...eksTags("payments", "api"), team: "checkout" }, "0.04", "0.008", "i-0node1", "4", "2.5", "4", "0.25", 5],
  [`${podArn}/api-7d9c/1a2b`, "USE1-EKS-EC2-vCPU-Hours", { ...eksTags("payments", "api"), team: "checkout" }, "0.06", "0.012", "i-0node1", "1", "0.5", "1", "0.25", 5],
  [`${podArn}/worker-5f6/3c4d`, "USE1-EKS-EC2-GB-Hours", eksTags("payments", "worker"), "0.03", "0.006", "i-0node1", "3", "1", "3", "0.1875", 5],
  [`${podArn}/worker-5f6/3c4d`, "USE1-EKS-EC2-vCPU-Hours", eksTags("payments", "worker"), "0.03", "0.006", "i-0node1", "0.5", "0.75", "0.75", "0.1875", 5],
  ["i-0ecs1", "BoxUsage:m5.large", { "aws:ecs:clusterName": "jobs-ecs" }, null, null, null, null, null, null, null, 5],
  ["i-0node1", "BoxUsage:m5.xlarge", { "aws:eks:cluster-name": "prod-eks" }, null, null, null, null, null, null, null, 5],
];
const storedSplit = () =>
  queryRows<{ resource_id: string; usage_type: string; tags: Record<string, string>; s: string | null; u: string | null; parent_resource_id: string | null; r: string | null; a: string | null; su: string | null; ratio: string | null; usage_hour: number | null }>(
    database.db,
    sql`select resource_id, usage_type, tags, split_cost::text as s, unused_cost::text as u, parent_resource_id, reserved_usage::text as r, actual_usage::text as a,
          split_usage::text as su, split_usage_ratio::text as ratio, usage_hour
        from cost_line_items where source = 'cur' and day = '2024-09-04' order by resource_id collate "C", usage_type collate "C"`,
  );

it.each(curLayouts)("$name stores split cost, unused cost, parent instance, usages, hour and container tags; pods + unused = instance cost (0.192, 0.096)", async ({ file, bytes }) => {
  const path = join(dir, file);
  writeFileSync(path, bytes);
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  expect((run.details as { files: { parsedBy: string }[] }).files.map((f) => f.parsedBy)).toEqual(["postgres"]);
  const lines = await storedSplit();
  expect(lines.map((l) => [l.resource_id, l.usage_type, sortedKeys(l.tags), l.s, l.u, l.parent_resource_id, l.r, l.a, l.su, l.ratio, l.usage_hour])).toEqual(expectedSplit);
  // The earlier rows' hours: an EC2 instance line gets one, others none.
  const [first] = await queryRows<{ usage_hour: number | null }>(database.db, sql`select usage_hour from cost_line_items where source = 'cur' and resource_id = 'i-0a1'`);
  expect(first?.usage_hour).toBe(0);
  const quality = (run.details as { quality: { warnings: { code: string }[] } }).quality;
  expect(quality.warnings.filter((w) => w.code === "split-mismatch")).toEqual([]);
  expect(await storedTotals(database.db, "cur")).toEqual({ rows: 11, unblended: "12.138", amortized: "12.138", netAmortized: "12.138" });
});

it("an instance whose pods' split + unused cost is not its amortized cost is a split-mismatch warning naming it; the Node path stores the same split fields", async () => {
  const skewed = splitRows.map((row) => (row.resourceId === "i-0node1" ? { ...row, cost: "0.25" } : row));
  const path = join(dir, "split-mismatch.csv");
  // A blank line sends the file down the Node path (the SQL path refuses it), which must map split data the same way.
  writeFileSync(path, layoutFiles.legacyCsv(skewed).replace("\n", "\n\n"));
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  expect((run.details as { files: { parsedBy: string }[] }).files.map((f) => f.parsedBy)).toEqual(["node"]);
  const lines = await storedSplit();
  expect(lines.map((l) => [l.resource_id, l.usage_type, sortedKeys(l.tags), l.s, l.u, l.parent_resource_id, l.r, l.a, l.su, l.ratio, l.usage_hour])).toEqual(expectedSplit);
  const warnings = (run.details as { quality: { warnings: { code: string; instance?: string; message: string }[] } }).quality.warnings.filter((w) => w.code === "split-mismatch");
  expect(warnings.map((w) => w.instance)).toEqual(["i-0node1"]);
  expect(warnings[0]!.message).toContain("(0.192) differs from its amortized cost (0.25)");
  expect(warnings[0]!.message).toContain("2024-09-04 05:00 UTC");
  // The check's instance-hours are an unlogged table during the import (for parallel workers), gone after it.
  const [left] = await queryRows<{ table: string | null }>(database.db, sql`select to_regclass('split_check_hours')::text as table`);
  expect(left).toEqual({ table: null });
});
