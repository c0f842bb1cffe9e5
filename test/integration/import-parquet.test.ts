// Parquet takes the CSV path (parquet-to-csv.ts): a Parquet file of the same rows as a CSV export,
// typed as AWS types them (DOUBLE costs, TIMESTAMP dates, MAP tags), stores exactly what the CSV
// stores, parsed by PostgreSQL; a bad row names the Parquet row (1..N); a truncated file or a file
// that only calls itself .parquet is refused by name, nothing written, no temporary file left.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { importFromLocation } from "../../jobs/imports/import-location";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const CUR_SAMPLE = "fixtures/samples/aws-cur-legacy-sample.csv";
const FOCUS_SAMPLE = "fixtures/samples/focus-1.0-sample.csv";
const dir = mkdtempSync(join(tmpdir(), "parquet-import-test-"));
// The import's temporary files go here, so the last test can tell that none is left.
const scratch = join(dir, "tmp");
mkdirSync(scratch);
process.env.TMPDIR = scratch;

let database: TestDatabase;
const duck = await DuckDBInstance.create(":memory:");
const connection = await duck.connect();
beforeAll(async () => {
  database = await createTestDatabase();
});
beforeEach(() => database.db.execute(sql`truncate cost_line_items, import_batches, attributed_costs`));
afterAll(async () => {
  connection.closeSync();
  duck.closeSync();
  await database.drop();
});

/** `select` (over `read_csv(<csv>)`) written as Parquet next to the test's files. */
async function toParquet(name: string, select: string): Promise<string> {
  const path = join(dir, name);
  await connection.run(`copy (${select}) to '${path}' (format parquet)`);
  return path;
}

const sortedTags = (tags: Record<string, string>) => Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)));

async function storedRows(): Promise<string[]> {
  const rows = await queryRows<Record<string, string | null> & { tags: Record<string, string> }>(
    database.db,
    sql`select day::text, account_id, service, region, usage_type, record_type, resource_id, tags,
          unblended_cost::text as u, amortized_cost::text as a, net_amortized_cost::text as n, usage_quantity::text as q from cost_line_items`,
  );
  return rows.map((r) => JSON.stringify([r.day, r.account_id, r.service, r.region, r.usage_type, r.record_type, r.resource_id, sortedTags(r.tags), r.u, r.a, r.n, r.q])).sort();
}

const counts = async () =>
  (await queryRows<{ items: number; batches: number }>(database.db, sql`select (select count(*)::int from cost_line_items) as items, (select count(*)::int from import_batches) as batches`))[0];

const parsedBy = (details: unknown) => (details as { files: { parsedBy?: string }[] }).files.map((file) => file.parsedBy);

async function importedRows(path: string): Promise<string[]> {
  await database.db.execute(sql`truncate cost_line_items, import_batches, attributed_costs`);
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  expect(parsedBy(run.details)).toEqual(["postgres"]);
  return storedRows();
}

it("a legacy CUR as Parquet (DOUBLE costs, TIMESTAMP dates) stores exactly what its CSV stores, parsed by PostgreSQL", async () => {
  // DuckDB types the columns as a Parquet export has them: costs and amounts DOUBLE, dates TIMESTAMP WITH TIME ZONE.
  const parquet = await toParquet("legacy.parquet", `select * from read_csv('${CUR_SAMPLE}', header = true)`);
  const types = (await connection.runAndReadAll(`select column_type from (describe select * from read_parquet('${parquet}')) where column_name in ('lineItem/UnblendedCost', 'lineItem/UsageStartDate')`)).getRows().flat();
  expect(types.sort()).toEqual(["DOUBLE", "TIMESTAMP WITH TIME ZONE"]);
  const fromCsv = await importedRows(CUR_SAMPLE);
  expect(fromCsv.length).toBe(1281);
  expect(await importedRows(parquet)).toEqual(fromCsv);
});

it("FOCUS as Parquet with Tags as a MAP stores exactly what its CSV stores", async () => {
  const parquet = await toParquet("focus.parquet", `select * replace (Tags::json::map(varchar, varchar) as Tags) from read_csv('${FOCUS_SAMPLE}', header = true, nullstr = 'NULL')`);
  const fromCsv = await importedRows(FOCUS_SAMPLE);
  expect(fromCsv.length).toBe(1000);
  expect(fromCsv.filter((row) => !row.includes(",{},")).length).toBeGreaterThan(0); // rows with tags
  expect(await importedRows(parquet)).toEqual(fromCsv);
});

const legacyRows = (account3: string) => `select * from (values
    (timestamp '2024-09-01', '111111111111', 'Usage', timestamp '2024-09-02 10:00', 'AmazonEC2', 0.30000000000000004::double, 'line' || chr(10) || 'break, "quoted" ünïcødé'),
    (timestamp '2024-09-01', '111111111111', 'Usage', timestamp '2024-09-02 11:00', 'AmazonEC2', 1e-7::double, null),
    (timestamp '2024-09-01', ${account3}, 'Usage', timestamp '2024-09-02 12:00', 'AmazonEC2', 2.5::double, 'search')
  ) t("bill/BillingPeriodStartDate", "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/ProductCode", "lineItem/UnblendedCost", "resourceTags/user:team")`;

it("keeps every tag character of a Parquet file, and its doubles come back as the billed decimals (10 places, half even)", async () => {
  const { run } = await importFromLocation(database, await toParquet("values.parquet", legacyRows("'111111111111'")));
  expect(run.error).toBeUndefined();
  const rows = await queryRows<{ u: string; team: string | null }>(database.db, sql`select unblended_cost::text as u, tags ->> 'team' as team from cost_line_items order by day, unblended_cost`);
  expect(rows).toEqual([
    { u: "0.0000001", team: null },
    { u: "0.3", team: 'line\nbreak, "quoted" ünïcødé' },
    { u: "2.5", team: "search" },
  ]);
});

it("a bad row names the Parquet row (1..N in file order, not the CSV line), and nothing is written", async () => {
  // Row 1's tag spans two CSV lines: the row number still counts rows.
  const path = await toParquet("bad-row.parquet", legacyRows("null"));
  const { run, rejected } = await importFromLocation(database, path);
  expect(run.status).toBe("failed");
  expect(rejected).toMatchObject({ file: path, line: 3, column: "lineItem/UsageAccountId" });
  expect(await counts()).toEqual({ items: 0, batches: 0 });
});

it("a truncated Parquet file is refused by name, and the good file beside it is not written either", async () => {
  const folder = join(dir, "truncated");
  mkdirSync(folder);
  const whole = readFileSync(await toParquet("whole.parquet", legacyRows("'111111111111'")));
  writeFileSync(join(folder, "a-good.csv"), readFileSync(CUR_SAMPLE));
  writeFileSync(join(folder, "b-cut.parquet"), whole.subarray(0, Math.floor(whole.length / 2)));
  const { run, rejected } = await importFromLocation(database, folder);
  expect(run.status).toBe("failed");
  expect(rejected?.file).toBe(join(folder, "b-cut.parquet"));
  expect(rejected?.message).toMatch(/b-cut\.parquet: not a readable Parquet file \(.+\)/);
  expect(await counts()).toEqual({ items: 0, batches: 0 });
});

it("a file named .parquet that is not Parquet is refused by name", async () => {
  const path = join(dir, "not.parquet");
  writeFileSync(path, readFileSync(CUR_SAMPLE));
  const { run, rejected } = await importFromLocation(database, path);
  expect(run.status).toBe("failed");
  expect(rejected?.message).toBe(`${path}: named .parquet but not a Parquet file (it does not start with PAR1)`);
  expect(await counts()).toEqual({ items: 0, batches: 0 });
});

it("leaves no temporary file behind, after imports that succeeded and imports that failed", () => {
  expect(readdirSync(scratch)).toEqual([]);
});
