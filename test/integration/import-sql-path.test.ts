// The PostgreSQL parse path (sql-stage.ts) against the Node mappers it stands in for: the same files
// give the same stored rows, field for field (money as stored text, tags as objects); what it cannot
// read exactly goes the Node way, and a bad row still names file, line and column.
import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { sqlArray } from "../../db/queries/anomaly-series";
import { importFromLocation } from "../../jobs/imports/import-location";
import { mapFile } from "../../jobs/imports/map-file";
import { openContent } from "../../jobs/imports/read-rows";
import { createTestDatabase, usesPostgres, type TestDatabase } from "../support/test-database";

const CUR_SAMPLE = "fixtures/samples/aws-cur-legacy-sample.csv";
const FOCUS_SAMPLE = "fixtures/samples/focus-1.0-sample.csv";
const dir = mkdtempSync(join(tmpdir(), "tallyboard-sql-import-"));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
beforeEach(() => database.db.execute(sql`truncate cost_line_items, import_batches, attributed_costs`));
afterAll(() => database.drop());

const sortedTags = (tags: Record<string, string>) => Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Each row as one comparable string, as the Node mapper maps the file. */
async function nodeRows(path: string): Promise<string[]> {
  const mapped = await mapFile(path, await openContent(path, createReadStream(path)), "auto");
  const rows: string[] = [];
  for await (const i of mapped.items) rows.push(JSON.stringify([i.day, i.accountId, i.service, i.region, i.usageType, i.recordType, i.resourceId, sortedTags(i.tags), i.unblended, i.amortized, i.netAmortized, i.usageQuantity, i.invoiceId]));
  return rows.sort();
}

async function storedRows(): Promise<string[]> {
  const rows = await queryRows<Record<string, string | null> & { tags: Record<string, string> }>(
    database.db,
    sql`select day::text, account_id, service, region, usage_type, record_type, resource_id, tags,
          unblended_cost::text as u, amortized_cost::text as a, net_amortized_cost::text as n, usage_quantity::text as q, invoice_id from cost_line_items`,
  );
  return rows.map((r) => JSON.stringify([r.day, r.account_id, r.service, r.region, r.usage_type, r.record_type, r.resource_id, sortedTags(r.tags), r.u, r.a, r.n, r.q, r.invoice_id])).sort();
}

const parsedBy = (details: unknown) => (details as { files: { parsedBy?: string }[] }).files.map((file) => file.parsedBy);

it.each([CUR_SAMPLE, FOCUS_SAMPLE])("PostgreSQL parses %s into exactly the rows the Node mapper makes", async (path) => {
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  expect(parsedBy(run.details)).toEqual(["postgres"]);
  expect(await storedRows()).toEqual(await nodeRows(path));
});

// The amortization table of test/unit/import-mappers.test.ts, net columns included, as one legacy CSV.
const HEADER = ["bill/BillingPeriodStartDate", "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate", "product/ProductName", "lineItem/UnblendedCost",
  "lineItem/NetUnblendedCost", "reservation/EffectiveCost", "reservation/NetEffectiveCost", "savingsPlan/SavingsPlanEffectiveCost", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
  "reservation/UnusedRecurringFee", "reservation/NetUnusedRecurringFee", "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment", "lineItem/UsageAmount", "resourceTags/user:team", "resourceTags/user:owner", "resourceTags/aws:createdBy", "reservation/ReservationARN", "bill/InvoiceId"];
const ROWS = [
  ["Usage", "1.250", "", "", "", "", "", "", "", "", "", "2.50", "search", "", "ci"],
  ["Tax", "0.3", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  ["Credit", "-5", "", "", "", "", "", "", "", "", "", "", " search ", "payments", ""],
  ["DiscountedUsage", "0", "", "0.0634", "0.06", "", "", "", "", "", "", "1e2", "", "", ""],
  ["SavingsPlanCoveredUsage", "0.096", "", "", "", "0.0605", "", "", "", "", "", "", "", "", ""],
  ["SavingsPlanNegation", "-0.096", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  ["SavingsPlanUpfrontFee", "8760", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  ["RIFee", "30", "", "", "", "", "1.5", "2.25", "2", "", "", "", "", "", ""],
  ["SavingsPlanRecurringFee", "72", "", "", "", "", "", "", "", "72", "70.1", "", "", "", ""],
  ["Usage", "0.1", "0.09", "", "", "", "", "", "", "", "", "", "", "", ""],
  ["Usage", "0.1000000000000001", "", "", "", "", "", "", "", "", "", ".5", "", "", ""],
  ["Usage", "0.00000000015", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  ["Usage", "-2.5E-11", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  ["Fee", "8760", "", "", "", "", "", "", "", "", "", "", "", "", "", "arn:aws:ec2:us-east-1:111111111111:reserved-instances/ri-1"],
].map((row, i) => [...row, ...Array(16 - row.length).fill(""), i % 2 ? "" : "INV-1"]);
const pad = (rest: string[]) => [...rest, ...Array(HEADER.length - 5 - rest.length).fill("")];
const curCsv = (rows: string[][], start = "2024-09-03T23:00:00Z") =>
  [HEADER.join(","), ...rows.map(([type, ...rest]) => ["2024-09-01T00:00:00Z", "111111111111", type, start, "Amazon EC2", ...pad(rest)].map((v) => `"${v}"`).join(","))].join("\n") + "\n";

it("the amortization rules, net amounts, tags and number forms map as in Node", async () => {
  const path = join(dir, "rules.csv");
  writeFileSync(path, curCsv(ROWS));
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  expect(parsedBy(run.details)).toEqual(["postgres"]);
  expect(await storedRows()).toEqual(await nodeRows(path));
  // An RI bought upfront counts once, amortized over its usage; costs keep 10 decimals; each line its invoice.
  const stored = await queryRows<{ type: string; u: string; a: string; n: string; invoice: string | null }>(
    database.db,
    sql`select record_type as type, unblended_cost::text as u, amortized_cost::text as a, net_amortized_cost::text as n, invoice_id as invoice from cost_line_items
        where record_type in ('Fee', 'SavingsPlanUpfrontFee') or (record_type = 'Usage' and abs(unblended_cost) < 0.2 and net_amortized_cost = amortized_cost) order by 1, 2`,
  );
  expect(stored).toEqual([
    { type: "Fee", u: "8760", a: "0", n: "0", invoice: null },
    { type: "SavingsPlanUpfrontFee", u: "8760", a: "0", n: "0", invoice: "INV-1" },
    { type: "Usage", u: "0", a: "0", n: "0", invoice: "INV-1" }, // -2.5E-11
    { type: "Usage", u: "0.0000000002", a: "0.0000000002", n: "0.0000000002", invoice: null }, // 0.00000000015, half to even
    { type: "Usage", u: "0.1", a: "0.1", n: "0.1", invoice: "INV-1" }, // 0.1000000000000001
  ]);
});

it("a quoted empty field is absent, as an unquoted one, in a file with nothing to trim", async () => {
  const path = join(dir, "quoted-empty.csv");
  const quoted = ROWS.map((row) => row.map((value) => value.trim()));
  const unquoted = curCsv(quoted).split("\n").map((line, i) => (i % 2 ? line.replaceAll('""', "") : line)).join("\n");
  writeFileSync(path, unquoted);
  expect(unquoted).toContain(',"",');
  expect(unquoted).toContain(",,");
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  expect(parsedBy(run.details)).toEqual(["postgres"]);
  expect(await storedRows()).toEqual(await nodeRows(path));
});

it("a bad row found by the SQL checks is reported by file, line and column, and nothing is written", async () => {
  const path = join(dir, "bad.csv");
  writeFileSync(path, curCsv([...ROWS.slice(0, 3), ["DiscountedUsage", "0", "", "", "", "", "", "", "", "", "", "", "", "", ""], ...ROWS.slice(3)]));
  const { run, rejected } = await importFromLocation(database, path);
  expect(rejected).toMatchObject({ file: path, line: 5, column: "reservation/EffectiveCost" });
  expect(run.status).toBe("failed");
  expect(await storedRows()).toEqual([]);
});

// The SQL path casts every number column of every row once (sql-fields.ts RawFields.number).
it.each(["NaN", "Infinity", "-inf"])("%s, a number PostgreSQL reads and the Node mapper does not, is refused by line and column", async (value) => {
  const path = join(dir, `special-${value}.csv`);
  writeFileSync(path, curCsv([...ROWS.slice(0, 2), ["Usage", value, "", "", "", "", "", "", "", "", "", "1", "", "", ""]]));
  const { rejected } = await importFromLocation(database, path);
  expect(rejected).toMatchObject({ file: path, line: 4, column: "lineItem/UnblendedCost" });
  expect(await storedRows()).toEqual([]);
});

it("a number column a row's line item type does not read may hold anything, as in Node", async () => {
  const path = join(dir, "unread-number.csv");
  writeFileSync(path, curCsv([...ROWS, ["Usage", "0.5", "", "n/a", "", "NaN", "", "", "", "", "", "1", "", "", ""]]));
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  expect(await storedRows()).toEqual(await nodeRows(path));
  expect(await storedRows()).toHaveLength(ROWS.length + 1);
});

it("a value the cast refuses, and CSV quoting csv-parse refuses, fail with the Node path's message", async () => {
  const badDate = join(dir, "bad-date.csv");
  writeFileSync(badDate, curCsv(ROWS.slice(0, 2), "2024-02-30T00:00:00Z"));
  expect((await importFromLocation(database, badDate)).rejected).toMatchObject({ line: 2, column: "lineItem/UsageStartDate" });
  const badQuote = join(dir, "bad-quote.csv");
  writeFileSync(badQuote, curCsv(ROWS.slice(0, 2)).replace('"Amazon EC2"', 'Amazon "EC2"'));
  expect((await importFromLocation(database, badQuote)).rejected).toMatchObject({ line: 2 });
  expect(await storedRows()).toEqual([]);
});

it("a file the SQL path cannot read exactly (a blank line) is imported the Node way", async () => {
  const path = join(dir, "blank-line.csv");
  const [header, ...lines] = curCsv(ROWS.slice(0, 4)).trimEnd().split("\n");
  writeFileSync(path, [header, lines[0], "", ...lines.slice(1)].join("\n") + "\n");
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  expect(parsedBy(run.details)).toEqual(["node"]);
  expect(run.details).toHaveProperty("sqlPathRefused");
  expect(await storedRows()).toEqual(await nodeRows(path));
});

// On PostgreSQL, files are read in blocks beside the import transaction (sql-lanes.ts): small blocks
// here, so a file of a few hundred kilobytes spans dozens of them, read two or more at a time.
const BLOCK_BYTES = 8 << 10;
/** The amortization rows again and again over two billing periods of `year`: no field padded until
 *  `padFrom`, then a tag padded with spaces; from `escapeFrom` on, a tag value JSON must escape. */
function manyRows(count: number, { padFrom = Infinity, escapeFrom = Infinity, year = "2024" } = {}): string {
  const lines = Array.from({ length: count }, (_, i) => {
    const [type, ...rest] = ROWS[i % ROWS.length]!;
    const month = i < count / 2 ? "08" : "09";
    const values = [`${year}-${month}-01T00:00:00Z`, String(111111111111 + (i % 7)), type!, `${year}-${month}-${String(1 + (i % 28)).padStart(2, "0")}T00:00:00Z`, "Amazon EC2", ...rest];
    if (i >= padFrom) values[values.length - 3] = `  team-${i % 5} `;
    if (i >= escapeFrom) values[values.length - 2] = `say "hi" \\ to\tall\n(${i % 3})`;
    return values.map((v) => `"${(i < padFrom ? v.trim() : v).replaceAll('"', '""')}"`).join(",");
  });
  return [HEADER.join(","), ...lines].join("\n") + "\n";
}

/** The month partitions of cost_line_items (none on PGlite, where it is one table). */
async function monthPartitions(): Promise<string[]> {
  if (!usesPostgres) return [];
  const rows = await queryRows<{ name: string }>(database.db, sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'cost_line_items'::regclass`);
  return rows.map((row) => row.name).sort();
}

/** The indexes of these tables, each with the partitioned index it belongs to. */
async function monthIndexes(tables: string[]): Promise<{ table: string; index: string; parent: string | null }[]> {
  return queryRows(
    database.db,
    sql`select t.relname as table, x.relname as index, p.relname as parent from pg_index i join pg_class t on t.oid = i.indrelid join pg_class x on x.oid = i.indexrelid
          left join pg_inherits h on h.inhrelid = x.oid left join pg_class p on p.oid = h.inhparent
        where t.relname = any(${sqlArray(tables)}) order by 1, 2`,
  );
}

const blockTablesLeft = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_class where relname like 'import_block_%'`))[0]!.n;

it("a file read in many blocks stores exactly the rows the Node mapper makes, trimming where a later block needs it", async () => {
  const path = join(dir, "many-blocks.csv");
  writeFileSync(path, manyRows(4000, { padFrom: 3000 }));
  const { run } = await importFromLocation(database, path, { blockBytes: BLOCK_BYTES });
  expect(run.error).toBeUndefined();
  expect(parsedBy(run.details)).toEqual(["postgres"]);
  expect(await storedRows()).toEqual(await nodeRows(path));
  const [batches] = await queryRows<{ n: number; rows: number }>(database.db, sql`select count(*)::int as n, sum(rows)::int as rows from import_batches where status = 'imported'`);
  expect(batches).toEqual({ n: 2, rows: 4000 });
});

it("months the database does not hold yet get partitions written straight by the blocks; a restatement then replaces their rows", async () => {
  const first = join(dir, "fresh-months.csv");
  writeFileSync(first, manyRows(4000, { escapeFrom: 2500, year: "2030" }));
  const imported = await importFromLocation(database, first, { blockBytes: BLOCK_BYTES });
  expect(imported.run.error).toBeUndefined();
  expect(parsedBy(imported.run.details)).toEqual(["postgres"]);
  expect(await storedRows()).toEqual(await nodeRows(first));
  // On PostgreSQL the blocks wrote the rows once, into tables the import then attached as partitions.
  expect(imported.run.details).toMatchObject({ attachedPartitions: usesPostgres ? ["2030-08-01", "2030-09-01"] : [] });
  if (usesPostgres) expect(await monthPartitions()).toEqual(expect.arrayContaining(["cost_line_items_y2030m08", "cost_line_items_y2030m09"]));
  // Each attached month holds one index, the BRIN on day built before the attach, as the parent's partition index.
  if (usesPostgres) expect(await monthIndexes(["cost_line_items_y2030m08", "cost_line_items_y2030m09"])).toEqual([
    { table: "cost_line_items_y2030m08", index: "cost_line_items_y2030m08_day_idx", parent: "cost_line_items_day_brin_idx" },
    { table: "cost_line_items_y2030m09", index: "cost_line_items_y2030m09_day_idx", parent: "cost_line_items_day_brin_idx" },
  ]);
  const restated = join(dir, "fresh-months-restated.csv");
  writeFileSync(restated, manyRows(1500, { padFrom: 1000, year: "2030" }));
  const { run } = await importFromLocation(database, restated, { blockBytes: BLOCK_BYTES });
  expect(run.error).toBeUndefined();
  expect(await storedRows()).toEqual(await nodeRows(restated));
  expect(await blockTablesLeft()).toBe(0);
});

it("a file over a month with a partition and one without stores every row once", async () => {
  const august = join(dir, "august-only.csv");
  writeFileSync(august, manyRows(1000, { year: "2031" }).split("\n").slice(0, 400).join("\n") + "\n");
  expect((await importFromLocation(database, august, { blockBytes: BLOCK_BYTES })).run.error).toBeUndefined();
  // Blocks of September alone go straight into a new table; the block over both months goes through
  // the transaction, which makes September's partition, so the new table's rows are copied into it.
  const both = join(dir, "august-and-september.csv");
  writeFileSync(both, manyRows(4000, { year: "2031" }));
  const { run } = await importFromLocation(database, both, { blockBytes: BLOCK_BYTES });
  expect(run.error).toBeUndefined();
  expect(run.details).toMatchObject({ attachedPartitions: [] });
  expect(await storedRows()).toEqual(await nodeRows(both));
  expect(await blockTablesLeft()).toBe(0);
});

// 2024's months have partitions by now (their blocks go through the transaction); 2032's do not (their blocks fill new month tables).
it.each(["2024", "2032"])("a bad row in a late block of %s names its line, and leaves neither rows, partitions nor block tables", async (year) => {
  const before = await monthPartitions();
  const path = join(dir, `late-bad-row-${year}.csv`);
  const lines = manyRows(4000, { year }).trimEnd().split("\n");
  lines[3900] = lines[3900]!.replace('"Amazon EC2"', '""');
  writeFileSync(path, lines.join("\n") + "\n");
  const { run, rejected } = await importFromLocation(database, path, { blockBytes: BLOCK_BYTES });
  expect(run.status).toBe("failed");
  expect(rejected).toMatchObject({ file: path, line: 3901 });
  expect(await storedRows()).toEqual([]);
  expect(await monthPartitions()).toEqual(before);
  expect(await blockTablesLeft()).toBe(0);
});

it("on PostgreSQL the import leaves statistics of the months it wrote, from a small sample (at most 10 common values a column)", async () => {
  if (!usesPostgres) return;
  // 30 amounts, amount i on i + 1 lines: a default sample would list all 30 as common values.
  const rows = Array.from({ length: 30 }, (_, i) => Array.from({ length: i + 2 }, () => ["Usage", String(i + 1)])).flat();
  const path = join(dir, "statistics.csv");
  writeFileSync(path, curCsv(rows));
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  const [stats] = await queryRows<{ analyzed: boolean; common: number | null }>(
    database.db,
    sql`select (select last_analyze is not null and autoanalyze_count = 0 from pg_stat_user_tables where relname = 'cost_line_items_y2024m09') as analyzed,
          (select cardinality(most_common_vals::text::text[]) from pg_stats where tablename = 'cost_line_items_y2024m09' and attname = 'unblended_cost') as common`,
  );
  expect(stats).toEqual({ analyzed: true, common: expect.any(Number) });
  expect(stats!.common).toBeLessThanOrEqual(10);
});
