// Parquet values as the CSV exports spell them (parquet-to-csv.ts): doubles as the exact decimal text
// decimal.js reads from the same number, maps as JSON, timestamps as UTC ISO text, names as written.
import { createReadStream, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { DuckDBInstance } from "@duckdb/node-api";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import fc from "fast-check";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, expect, it } from "vitest";
import { ImportError } from "../../jobs/imports/import-error";
import { parquetAsCsv } from "../../jobs/imports/parquet-to-csv";

const dir = mkdtempSync(join(tmpdir(), "parquet-to-csv-test-"));
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** Writes `select` as a Parquet file with DuckDB and reads it back through parquetAsCsv as records. */
async function roundTrip(select: string): Promise<string[][]> {
  const path = join(dir, `t${Math.random().toString(36).slice(2)}.parquet`);
  await connection.run(`copy (${select}) to '${path}' (format parquet)`);
  return readCsv(await parquetAsCsv(path, createReadStream(path)));
}

async function readCsv(stream: Readable): Promise<string[][]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return parse(Buffer.concat(chunks)) as string[][];
}

const plain = (value: number) => new Decimal(value).toFixed();

it("writes doubles as the exact decimal text decimal.js reads from the same number, never in exponent notation", async () => {
  const values = [0.30000000000000004, 1e-7, 1e20, 1.2345678901234568e17, -0, 5e-324, 1.7976931348623157e308, 100, 0.000001, 123.456, -2.5e-10, 1e21, 12.345678, -0.000123,
    // around the ends of the range DuckDB writes without an exponent, and of the integral shortcut
    1e-4, 9.99e-5, -1e-4, 1e15, -1e15, 1e16, 999999999999999.9, 1234567890123456.8, 9007199254740993, -42];
  const rows = await roundTrip(`select v from (values ${values.map((v, i) => `(${i}, '${String(v)}'::double)`).join(", ")}, (${values.length}, null::double)) t(i, v) order by i`);
  expect(rows).toEqual([["v"], ...values.map((v) => [plain(v)]), [""]]);
  expect(rows.slice(1, 4).flat()).toEqual(["0.30000000000000004", "0.0000001", "100000000000000000000"]);
});

it("every finite double comes out as decimal.js's text of it (property)", async () => {
  const doubles = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 2000, seed: 15 });
  const rows = await roundTrip(`select v from (values ${doubles.map((v, i) => `(${i}, '${String(v)}'::double)`).join(", ")}) t(i, v) order by i`);
  expect(rows.slice(1).map(([value]) => value)).toEqual(doubles.map(plain));
});

it("writes MAP columns as JSON text (empty map {}, null empty) with quotes, commas, newlines and unicode kept", async () => {
  const tags = { user_team: 'pay"ments, core', user_note: "line\nbreak", "user_ü": "ünïcødé 😀" };
  const rows = await roundTrip(`select * from (values
      (1, map(['user_team', 'user_note', 'user_ü'], ['pay"ments, core', e'line\\nbreak', 'ünïcødé 😀'])),
      (2, map([]::varchar[], []::varchar[])),
      (3, null::map(varchar, varchar))) t(i, resource_tags) order by i`);
  expect(rows.map((row) => row[1])).toEqual(["resource_tags", JSON.stringify(tags), "{}", ""]);
  expect(JSON.parse(rows[1]![1]!)).toEqual(tags);
});

it("writes timestamps and dates as UTC ISO text, whole seconds without a fraction", async () => {
  const rows = await roundTrip(`select timestamp '2025-06-01 00:00:00' as a, timestamptz '2025-06-01 01:30:00+02:00' as b,
      timestamp '2025-06-30 23:59:59.25' as c, date '2025-06-01' as d, true as e, 42::bigint as f, 1.500::decimal(10, 3) as g, 'text' as h`);
  expect(rows[1]).toEqual(["2025-06-01T00:00:00Z", "2025-05-31T23:30:00Z", "2025-06-30T23:59:59.25Z", "2025-06-01", "true", "42", "1.500", "text"]);
});

it("keeps the schema's column names, names that differ only in case and names that need quoting included", async () => {
  const path = join(dir, "names.parquet");
  writeFileSync(
    path,
    Buffer.from(
      parquetWriteBuffer({
        columnData: [
          { name: "resourceTags/user:team", data: ["a"], type: "STRING" },
          { name: "resourceTags/user:Team", data: ["b"], type: "STRING" },
          { name: 'odd, "name"', data: ["c"], type: "STRING" },
        ],
      }),
    ),
  );
  const rows = await readCsv(await parquetAsCsv(path, createReadStream(path)));
  expect(rows).toEqual([["resourceTags/user:team", "resourceTags/user:Team", 'odd, "name"'], ["a", "b", "c"]]);
});

it("a truncated Parquet file is an ImportError naming the file, and leaves no temporary files", async () => {
  const path = join(dir, "ok.parquet");
  await connection.run(`copy (select 1.5::double as v from range(1000)) to '${path}' (format parquet)`);
  const whole = readFileSync(path);
  const before = readdirSync(tmpdir()).filter((name) => name.startsWith("tallyboard-parquet-")).length;
  const error = await parquetAsCsv("s3://billing/cut.parquet", Readable.from([whole.subarray(0, whole.length - 100)])).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).message).toMatch(/^s3:\/\/billing\/cut\.parquet: not a readable Parquet file \(.+\)$/);
  expect((error as ImportError).message).not.toContain(tmpdir());
  expect(readdirSync(tmpdir()).filter((name) => name.startsWith("tallyboard-parquet-")).length).toBeLessThanOrEqual(before);
});

const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith("tallyboard-parquet-"));

it("a file that fails midway fails the stream (never a short, clean end), and its temporary files go", async () => {
  const path = join(dir, "corrupt.parquet");
  await connection.run(`copy (select md5(i::varchar) as v from range(200000) t(i)) to '${path}' (format parquet, row_group_size 20000)`);
  const bytes = readFileSync(path);
  bytes.fill(0x55, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 4096); // a data page in the middle, footer intact
  const before = leftovers().length;
  const read = readCsv(await parquetAsCsv("corrupt.parquet", Readable.from([bytes])));
  await expect(read).rejects.toThrow(/^corrupt\.parquet: not a readable Parquet file \(.+\)$/);
  await expect.poll(() => leftovers().length, { timeout: 10_000 }).toBeLessThanOrEqual(before);
});

it("a reader that stops early stops DuckDB, and the temporary files go", async () => {
  const path = join(dir, "long.parquet");
  await connection.run(`copy (select md5(i::varchar) as v from range(300000) t(i)) to '${path}' (format parquet)`);
  const before = leftovers().length;
  const stream = await parquetAsCsv(path, createReadStream(path));
  for await (const _chunk of stream) break; // one chunk of the 10 MB, then the reader goes away
  await expect.poll(() => leftovers().length, { timeout: 10_000 }).toBeLessThanOrEqual(before);
});
