// Generated CUR 2.0 files (Parquet and gzip CSV): restatement replaces a period, a rerun is a no-op,
// parts of one period live side by side, and a bad row rejects the whole file and writes nothing.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { importFromLocation } from "../../jobs/imports/import-location";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { storedTotals, attributedTotal } from "../support/import-totals";
import { cur2Csv, cur2Parquet, cur2Rows, gzipCsv, totals } from "../support/cur2-files";

let database: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "tallyboard-import-"));
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const batches = () => queryRows<{ billing_period: string; status: string; file_name: string }>(database.db, sql`select billing_period::text, status, file_name from import_batches order by id`);
const sum = (...values: string[]) => values.reduce((total, value) => total.plus(value), new Decimal(0)).toFixed();

it("imports a CUR 2.0 Parquet export with the amortization rules and resource_tags", async () => {
  const september = cur2Rows("2024-09");
  writeFileSync(join(dir, "sept.parquet"), cur2Parquet(september));
  const { run } = await importFromLocation(database, join(dir, "sept.parquet"));
  expect(run.error).toBeUndefined();
  expect(await storedTotals(database.db, "cur")).toMatchObject({ rows: 4, unblended: totals(september).unblended, amortized: totals(september).amortized });
  const tags = await queryRows<{ tags: Record<string, string> }>(database.db, sql`select tags from cost_line_items where record_type = 'Usage'`);
  expect(tags[0]!.tags).toEqual({ team: "payments", "aws:createdBy": "ci" });
  expect(await attributedTotal(database.db)).toBe(totals(september).amortized);
});

it("a restated export of the period replaces it; the rerun is a no-op", async () => {
  const restated = cur2Rows("2024-09", "2").slice(0, 3);
  writeFileSync(join(dir, "sept.parquet"), cur2Parquet(restated));
  const { run } = await importFromLocation(database, join(dir, "sept.parquet"));
  expect(run.rowsWritten).toBe(3);
  expect(await storedTotals(database.db, "cur")).toMatchObject({ rows: 3, ...totals(restated) });
  expect((await batches()).map((b) => b.status)).toEqual(["replaced", "imported"]);
  expect(await attributedTotal(database.db)).toBe(totals(restated).amortized);
  const again = await importFromLocation(database, join(dir, "sept.parquet"));
  expect(again.run.rowsWritten).toBe(0);
  expect(await batches()).toHaveLength(2);
});

it("a folder with two gzip CSV parts of one period keeps both; changing one keeps the other", async () => {
  const folder = join(dir, "october");
  mkdirSync(folder);
  const [partA, partB] = [cur2Rows("2024-10").slice(0, 2), cur2Rows("2024-10").slice(2)];
  writeFileSync(join(folder, "part-00001.csv.gz"), gzipCsv(cur2Csv(partA)));
  writeFileSync(join(folder, "part-00002.csv.gz"), gzipCsv(cur2Csv(partB)));
  writeFileSync(join(folder, "manifest.json"), "{}"); // not an export file: ignored
  const { run } = await importFromLocation(database, folder, { format: "cur2" });
  expect(run.rowsWritten).toBe(4);
  const september = totals(cur2Rows("2024-09", "2").slice(0, 3));
  expect((await storedTotals(database.db, "cur")).amortized).toBe(sum(september.amortized, totals(partA).amortized, totals(partB).amortized));

  const restatedA = cur2Rows("2024-10", "3").slice(0, 2);
  writeFileSync(join(folder, "part-00001.csv.gz"), gzipCsv(cur2Csv(restatedA)));
  const second = await importFromLocation(database, folder);
  expect(second.run.details).toMatchObject({ files: [{ status: "imported", rows: 2 }, { status: "unchanged" }] });
  expect((await storedTotals(database.db, "cur")).amortized).toBe(sum(september.amortized, totals(restatedA).amortized, totals(partB).amortized));
  expect(await attributedTotal(database.db)).toBe((await storedTotals(database.db, "cur")).amortized);
});

it("a bad row rejects the whole file with file, line and column, and writes nothing", async () => {
  const before = { totals: await storedTotals(database.db, "cur"), batches: await batches(), attributed: await attributedTotal(database.db) };
  const rows = cur2Rows("2024-09", "5");
  const csv = cur2Csv(rows).replace(`"${rows[2]!.unblended}"`, '"12,50"'); // line 4 (the header is line 1)
  const file = join(dir, "bad.csv.gz");
  writeFileSync(file, gzipCsv(csv));
  const { run, rejected } = await importFromLocation(database, file);
  expect(run.status).toBe("failed");
  expect(rejected).toMatchObject({ file, line: 4, column: "line_item_unblended_cost" });
  expect(run.error).toContain(`${file}, line 4, column line_item_unblended_cost`);
  expect({ totals: await storedTotals(database.db, "cur"), batches: await batches(), attributed: await attributedTotal(database.db) }).toEqual(before);
});

it("a file of another shape names the missing column", async () => {
  const file = join(dir, "costs.csv");
  writeFileSync(file, "day,cost\n2024-09-01,1\n");
  const { rejected } = await importFromLocation(database, file);
  expect(rejected?.message).toContain("not a CUR, CUR 2.0 or FOCUS export");
  const forced = await importFromLocation(database, file, { format: "focus" });
  expect(forced.rejected).toMatchObject({ line: 1, column: "BilledCost" });
});
