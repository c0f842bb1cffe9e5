// A legacy CUR Parquet file into months the database has no partition for yet is mapped by DuckDB
// and COPYed straight into the new month tables (parquet-direct.ts). The same file through the CSV
// path (its months already there) must store exactly the same line items: doubles rounded to 10
// places half to even, every line item type's amortization, net columns, DECIMAL columns, tag
// values with quotes, tabs, backslashes, newlines and untrimmed whitespace (Unicode too, at either end), both spellings.
// A row the checks refuse still names its Parquet row, with nothing written.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { ensureMonthPartitions } from "../../db/line-item-partitions";
import { importFromLocation } from "../../jobs/imports/import-location";
import { LAYOUT_ROWS, layoutFiles, SPLIT_LAYOUT_ROWS } from "../support/layout-files";
import { createTestDatabase, usesPostgres, type TestDatabase } from "../support/test-database";

const CUR_SAMPLE = "fixtures/samples/aws-cur-legacy-sample.csv";
const dir = mkdtempSync(join(tmpdir(), "parquet-direct-test-"));
let database: TestDatabase;
const duck = await DuckDBInstance.create(":memory:");
const connection = await duck.connect();
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  connection.closeSync();
  duck.closeSync();
  await database.drop();
});
beforeEach(() => emptyDatabase());

/** No line items and no month partitions: every month of the next import is new. */
async function emptyDatabase(): Promise<void> {
  await database.db.execute(sql`truncate cost_line_items, import_batches, attributed_costs`);
  if (!usesPostgres) return;
  const months = await queryRows<{ name: string }>(database.db, sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'cost_line_items'::regclass and c.relname <> 'cost_line_items_default'`);
  for (const { name } of months) await database.db.execute(sql.raw(`drop table ${name}`));
}

async function toParquet(name: string, select: string): Promise<string> {
  const path = join(dir, name);
  await connection.run(`copy (${select}) to '${path}' (format parquet)`);
  return path;
}

async function storedRows(): Promise<string[]> {
  const rows = await queryRows<Record<string, unknown>>(
    database.db,
    sql`select day::text, account_id, service, region, usage_type, record_type, resource_id, tags::text as tags, unblended_cost::text as u,
          amortized_cost::text as a, net_amortized_cost::text as n, usage_quantity::text as q, invoice_id, usage_hour, split_cost::text as sc, unused_cost::text as uc,
          net_split_cost::text as nsc, net_unused_cost::text as nuc, parent_resource_id, reserved_usage::text as ru, actual_usage::text as au, split_usage::text as su,
          split_usage_ratio::text as sur from cost_line_items`,
  );
  return rows.map((row) => JSON.stringify(Object.values(row))).sort();
}

const parsedBy = (details: unknown) => (details as { files: { parsedBy?: string }[] }).files.map((file) => file.parsedBy);

/** Imports `path` once into new months and once into months that exist (the CSV path); both stores, and who parsed each. */
async function bothWays(path: string, days: [string, string]) {
  const direct = await importFromLocation(database, path);
  expect(direct.run.error).toBeUndefined();
  const directRows = await storedRows();
  await emptyDatabase();
  await ensureMonthPartitions(database.db, days[0], days[1]);
  const viaCsv = await importFromLocation(database, path);
  expect(viaCsv.run.error).toBeUndefined();
  return { directRows, csvRows: await storedRows(), directBy: parsedBy(direct.run.details), csvBy: parsedBy(viaCsv.run.details) };
}

it("the sample CUR as Parquet stores the same line items either way, and as its CSV does", async () => {
  const parquet = await toParquet("sample.parquet", `select * from read_csv('${CUR_SAMPLE}', header = true)`);
  const { directRows, csvRows, directBy, csvBy } = await bothWays(parquet, ["2023-10-01", "2024-01-01"]);
  expect(directBy).toEqual([usesPostgres ? "duckdb" : "postgres"]);
  expect(csvBy).toEqual(["postgres"]);
  expect(directRows.length).toBe(1281);
  expect(directRows).toEqual(csvRows);
  await emptyDatabase();
  await importFromLocation(database, CUR_SAMPLE);
  expect(await storedRows()).toEqual(directRows);
});

// Every amount column as DOUBLE unless named; each line item type the amortization treats apart.
const tricky = (netColumns: boolean, decimalUsage: boolean) => `select * from (values
    (timestamp '2024-09-01', '111111111111', 'Usage', timestamp '2024-09-02 10:00', 'AmazonEC2', 0.30000000000000004::double, 0.1::double, null::double, null::double, null::varchar,
       'line' || chr(10) || 'break, "quoted" ' || chr(9) || 'tab \\ back ünïcødé', '  padded ' || chr(160), 'inv-1'),
    (timestamp '2024-09-01', '111111111111', 'Usage', timestamp '2024-09-02 11:00', 'AmazonEC2', 1e-7::double, 1.00000000005::double, null, null, null, null, '', null),
    (timestamp '2024-09-01', '111111111111', 'DiscountedUsage', timestamp '2024-09-03 00:00', 'AmazonEC2', 0::double, 1.00000000015::double, 2.000000000050001::double, null, null, ' x', 'y' || chr(160), 'inv-1'),
    (timestamp '2024-09-01', '222222222222', 'SavingsPlanCoveredUsage', timestamp '2024-09-04 00:00', 'AmazonEC2', 0.5::double, 3::double, null, -2.99999999995::double, null, null, null, 'inv-2'),
    (timestamp '2024-09-01', '222222222222', 'SavingsPlanNegation', timestamp '2024-09-04 00:00', 'AmazonEC2', -0.5::double, 0::double, null, null, null, null, null, 'inv-2'),
    (timestamp '2024-09-01', '222222222222', 'Fee', timestamp '2024-09-01 00:00', 'AmazonEC2', 120::double, 1::double, null, null, 'arn:aws:ec2:reserved/1', null, null, 'inv-2'),
    (timestamp '2024-09-01', '222222222222', 'Fee', timestamp '2024-09-01 00:00', 'AWSSupport', 15.25::double, 1::double, null, null, null, null, null, 'inv-2'),
    (timestamp '2024-09-01', '333333333333', 'RIFee', timestamp '2024-09-30 23:00', 'AmazonRDS', 10::double, 720::double, 0.123456789012345::double, 7.00000000005::double, 'arn:aws:rds:reserved/2', null, null, null),
    (timestamp '2024-09-01', '333333333333', 'SavingsPlanRecurringFee', timestamp '2024-09-30 23:00', 'ComputeSavingsPlans', 100::double, 720::double, 99.999999999949::double, 12.5::double, null, 'ops', null, null),
    (timestamp '2024-10-01', '333333333333', 'Usage', timestamp '2024-09-30 23:30', 'AmazonS3', 1e20::double, 1e-12::double, null, null, null, chr(12288) || 'late', null, null)
  ) t("bill/BillingPeriodStartDate", "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/ProductCode",
      "lineItem/UnblendedCost", "lineItem/UsageAmount", "reservation/EffectiveCost", "savingsPlan/SavingsPlanEffectiveCost", "reservation/ReservationARN",
      "resourceTags/user:team", "resourceTags/user:cost-center", "bill/InvoiceId")`
  .replace("'SavingsPlanRecurringFee'", netColumns ? "'SavingsPlanRecurringFee'" : "'Credit'") // it needs savingsPlan/TotalCommitmentToDate
  .replace(/^select \* from/, `select * replace (${decimalUsage ? `"lineItem/UsageAmount"::decimal(18, 6) as "lineItem/UsageAmount"` : `"lineItem/UsageAmount" as "lineItem/UsageAmount"`})${netColumns ? `,
      "lineItem/UnblendedCost" * 0.9 as "lineItem/NetUnblendedCost", "reservation/EffectiveCost" * 0.9 as "reservation/NetEffectiveCost",
      "reservation/EffectiveCost" as "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "savingsPlan/SavingsPlanEffectiveCost" as "reservation/UnusedRecurringFee",
      "reservation/EffectiveCost" as "savingsPlan/TotalCommitmentToDate", "savingsPlan/SavingsPlanEffectiveCost" as "savingsPlan/UsedCommitment"` : ""} from`);

for (const [name, net, decimal] of [["plain", false, false], ["with net, commitment and DECIMAL columns", true, true]] as const) {
  it(`doubles, amortization and tag characters (${name}) come out the same either way`, async () => {
    const parquet = await toParquet(`tricky-${net}.parquet`, tricky(net, decimal));
    const { directRows, csvRows, directBy } = await bothWays(parquet, ["2024-09-01", "2024-11-01"]);
    expect(directBy).toEqual([usesPostgres ? "duckdb" : "postgres"]);
    expect(directRows.length).toBe(10);
    expect(directRows).toEqual(csvRows);
    const values = directRows.map((row) => JSON.parse(row) as string[]);
    const first = values.find((row) => row[8] === "0.3")!;
    expect(JSON.parse(first[7]!)).toEqual({ team: 'line\nbreak, "quoted" \ttab \\ back ünïcødé', "cost-center": "padded" });
    expect(values.map((row) => row[8]).sort()).toEqual(["-0.5", "0", "0.0000001", "0.3", "0.5", "10", "100", "100000000000000000000", "120", "15.25"]);
  });
}

it("the Athena spelling stores the same line items as the slash spelling", async () => {
  const athena = await toParquet("athena.parquet", `select "bill/BillingPeriodStartDate" as bill_billing_period_start_date, "lineItem/UsageAccountId" as line_item_usage_account_id,
      "lineItem/LineItemType" as line_item_line_item_type, "lineItem/UsageStartDate" as line_item_usage_start_date, "lineItem/ProductCode" as line_item_product_code,
      "lineItem/UnblendedCost" as line_item_unblended_cost, "lineItem/UsageAmount" as line_item_usage_amount, "reservation/EffectiveCost" as reservation_effective_cost,
      "savingsPlan/SavingsPlanEffectiveCost" as savings_plan_savings_plan_effective_cost, "reservation/ReservationARN" as reservation_reservation_a_r_n,
      "resourceTags/user:team" as resource_tags_user_team, "bill/InvoiceId" as bill_invoice_id from (${tricky(false, false)})`);
  const slash = await toParquet("slash.parquet", `select * exclude ("resourceTags/user:cost-center") from (${tricky(false, false)})`);
  const { directRows } = await bothWays(athena, ["2024-09-01", "2024-11-01"]);
  await emptyDatabase();
  await importFromLocation(database, slash);
  expect(directRows).toEqual(await storedRows());
});

it("a row the checks refuse names its Parquet row, and nothing is written", async () => {
  const path = await toParquet("refused.parquet", `select * replace (case when "lineItem/LineItemType" = 'Fee' and "lineItem/ProductCode" = 'AWSSupport' then null else "lineItem/UsageAccountId" end as "lineItem/UsageAccountId") from (${tricky(false, false)})`);
  const { run, rejected } = await importFromLocation(database, path);
  expect(run.status).toBe("failed");
  expect(rejected).toMatchObject({ file: path, line: 7, column: "lineItem/UsageAccountId" });
  const [counts] = await queryRows<{ items: number; batches: number; scratch: number }>(
    database.db,
    sql`select (select count(*)::int from cost_line_items) as items, (select count(*)::int from import_batches) as batches,
          (select count(*)::int from pg_class where relname like 'import_block_%') as scratch`,
  );
  expect(counts).toEqual({ items: 0, batches: 0, scratch: 0 });
});

// Split cost allocation data with doubles that need rounding (costs) or keep every digit (usages), a net
// split cost, and a parent instance id written with spaces around it.
const trickySplit = (path: string) => `select * replace (
    "splitLineItem/SplitCost" * 1.000000001 as "splitLineItem/SplitCost", "splitLineItem/SplitUsageRatio" / 3 as "splitLineItem/SplitUsageRatio",
    ' ' || "splitLineItem/ParentResourceId" || chr(160) as "splitLineItem/ParentResourceId"),
    "splitLineItem/UnusedCost" * 0.9 as "splitLineItem/NetUnusedCost"
  from read_parquet('${path}')`;

it("split cost allocation data comes out the same either way: split columns, parent instances and their hours", async () => {
  const plain = join(dir, "split.parquet");
  writeFileSync(plain, layoutFiles.legacyParquet([...LAYOUT_ROWS, ...SPLIT_LAYOUT_ROWS]));
  const athena = join(dir, "split-athena.parquet");
  writeFileSync(athena, layoutFiles.athenaParquet([...LAYOUT_ROWS, ...SPLIT_LAYOUT_ROWS]));
  const tricky = await toParquet("split-tricky.parquet", trickySplit(plain));
  const pods = SPLIT_LAYOUT_ROWS.filter((row) => row.split).length;
  const stored: string[][] = [];
  for (const path of [plain, athena, tricky]) {
    await emptyDatabase();
    const { directRows, csvRows, directBy } = await bothWays(path, ["2024-09-01", "2024-10-01"]);
    expect(directBy).toEqual([usesPostgres ? "duckdb" : "postgres"]);
    expect(directRows).toEqual(csvRows);
    const values = directRows.map((row) => JSON.parse(row) as (string | number | null)[]);
    expect(values.filter((row) => row[14] !== null)).toHaveLength(pods); // split_cost
    expect(values.filter((row) => row[13] !== null).length).toBeGreaterThan(pods); // usage_hour: the pods and their instances
    stored.push(directRows);
  }
  expect(stored[1]).toEqual(stored[0]);
  const trickyValues = stored[2]!.map((row) => JSON.parse(row) as (string | null)[]).filter((row) => row[14] !== null);
  expect(trickyValues.map((row) => row[14])).toContain("0.0600000001"); // 0.06000000006 to 10 places, half to even
  expect(trickyValues.map((row) => row[22])).toContain("0.08333333333333333"); // 0.25 / 3, as written
  expect(new Set(trickyValues.map((row) => row[18]))).toEqual(new Set(["i-0node1", "i-0ecs1"]));
  expect(trickyValues.every((row) => row[17] !== null)).toBe(true); // net_unused_cost
});
