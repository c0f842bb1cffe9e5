// A Parquet export as the CSV its format would have been delivered as, so Parquet takes the same
// import paths as CSV (COPY and SQL mapping on PostgreSQL; csv-parse and the Node mappers when
// those refuse): DuckDB reads the file and writes the rows in file order, under the Parquet
// schema's own column names. Values are spelled as the CSV exports spell them: numbers as exact
// decimal text (a DOUBLE as its shortest round-trip digits, what decimal.js reads from the same JS
// number, never in exponent notation), timestamps as UTC ISO text, MAP / STRUCT / LIST columns
// (resource_tags, cost_category, Tags) as JSON. DuckDB reads files only: the content is spooled to
// a temporary folder, removed once DuckDB is done (or has failed).
import { execFile } from "node:child_process";
import { constants, createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import type { DuckDBConnection } from "@duckdb/node-api";
import { inMemoryDuckDb } from "../engines/in-memory-duckdb";
import { ImportError } from "./import-error";

/** Decimal text of a number DuckDB spelled as text (`1e-07`, `1.2345678901234568e+17`, `100.0`, `-0.0`): no exponent, no `.0`, no `-0`. */
export const PLAIN_NUMBER_MACROS = `
create or replace temp macro plain_exponent(sign, digits, point) as (
  sign || case
    when point <= 0 then '0.' || repeat('0', -point) || digits
    when point >= length(digits) then digits || repeat('0', point - length(digits))
    else left(digits, point) || '.' || substr(digits, point + 1)
  end);
create or replace temp macro plain_number(s) as (
  case
    when s is null or s in ('nan', '-nan', 'inf', '-inf') then s
    when s not like '%e%' then (case when s like '%.0' then left(s, -2) else s end)
    else plain_exponent(case when s like '-%' then '-' else '' end,
                        replace(split_part(ltrim(s, '-'), 'e', 1), '.', ''),
                        length(split_part(split_part(ltrim(s, '-'), 'e', 1), '.', 1)) + split_part(s, 'e', 2)::int)
  end)`;

/** How one column of this DuckDB type is written as CSV text. */
export function csvValue(column: string, type: string): string {
  const ref = `"${column.replaceAll('"', '""')}"`;
  if (type === "DOUBLE" || type === "FLOAT") {
    // Most costs take the first three branches (numeric tests, no string work); DuckDB writes no
    // exponent between 1e-4 and 1e16, and the same digits as its shortest round-trip text.
    return `case when ${ref} = 0 then '0'
      when abs(${ref}) < 1e15 and ${ref} = trunc(${ref}) then ${ref}::bigint::varchar
      when abs(${ref}) >= 0.0001 and abs(${ref}) < 1e15 then ${ref}::varchar
      else plain_number(${ref}::varchar) end`;
  }
  if (type === "DATE") return `${ref}::varchar`;
  // In UTC (the session's time zone): 2025-06-01T00:00:00Z as the CUR CSV writes it, a fraction only when there is one.
  if (type.startsWith("TIMESTAMP")) return `replace(${ref}::timestamp::varchar, ' ', 'T') || 'Z'`;
  if (type.startsWith("MAP(") || type.startsWith("STRUCT(") || type.endsWith("]")) return `to_json(${ref})::varchar`;
  return `${ref}::varchar`;
}

const execFileAsync = promisify(execFile);
const quoted = (path: string) => path.replaceAll("'", "''");
const csvField = (text: string) => (/[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The top-level column names as the file's schema spells them (DuckDB renames names that differ only in case). */
export async function schemaNames(connection: DuckDBConnection, path: string): Promise<string[]> {
  const elements = (await connection.runAndReadAll(`select name, coalesce(num_children, 0)::int as children from parquet_schema('${path}')`)).getRowObjects();
  const names: string[] = [];
  let skip = 0; // elements of the current column's subtree still to pass
  for (const element of elements.slice(1)) {
    if (skip > 0) skip += Number(element.children) - 1;
    else {
      names.push(String(element.name));
      skip = Number(element.children);
    }
  }
  return names;
}

/** DuckDB reading one Parquet file: its CSV header, and `copy` writing the rows as headerless CSV to a path. */
async function openReader(parquetPath: string) {
  const parquet = quoted(parquetPath);
  // One thread: the rows stream into the import while PostgreSQL uses the other cores (more threads
  // cost more than they gave on a busy 2-core machine: 3.7-6.3 s against 1.3 s for 100k rows).
  const instance = await inMemoryDuckDb({ threads: "1" });
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    instance.closeSync();
  };
  try {
    await connection.run("set TimeZone = 'UTC'");
    await connection.run(PLAIN_NUMBER_MACROS);
    const columns = (await connection.runAndReadAll(`describe select * from read_parquet('${parquet}')`)).getRowObjects();
    const names = await schemaNames(connection, parquet);
    if (names.length !== columns.length) throw new Error(`the schema has ${names.length} columns, DuckDB read ${columns.length}`);
    const select = columns.map((column) => csvValue(String(column.column_name), String(column.column_type))).join(", ");
    const copy = (csvPath: string) =>
      connection.run(`copy (select ${select} from read_parquet('${parquet}')) to '${quoted(csvPath)}' (format csv, header false, delimiter ',', quote '"', escape '"', null '', use_tmp_file false)`).finally(close);
    return { header: `${names.map(csvField).join(",")}\n`, copy };
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * The CSV of a Parquet stream (already decompressed); a file DuckDB cannot read is an ImportError
 * naming it. DuckDB writes the rows into a FIFO while the import reads them, so converting and
 * importing overlap; a conversion that fails midway fails the stream (never a short, clean end).
 */
export async function parquetAsCsv(fileName: string, parquet: Readable): Promise<Readable> {
  const dir = await mkdtemp(join(tmpdir(), "tallyboard-parquet-"));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  const [input, fifo] = [join(dir, "input.parquet"), join(dir, "rows.csv")];
  const readable = (error: Error) => {
    const reason = error.message.split("\n")[0]!.replaceAll(` '${input}'`, "").replaceAll(` '${fifo}'`, "").replace(/^[\w ]+ Error: /, "");
    return new ImportError(fileName, null, null, `not a readable Parquet file (${reason})`);
  };
  let reader: Awaited<ReturnType<typeof openReader>>;
  try {
    await pipeline(parquet, createWriteStream(input, { highWaterMark: 1 << 20 }));
    await execFileAsync("mkfifo", [fifo]);
    reader = await openReader(input).catch((error: Error) => {
      throw readable(error);
    });
  } catch (error) {
    await removeDir();
    throw error;
  }
  const rows = createReadStream(fifo, { highWaterMark: 1 << 20 }); // opens now, before DuckDB does
  const done = reader.copy(fifo).then(
    () => null,
    (error: Error) => readable(error),
  ).then(async (failed) => {
    // A reader still waiting for a writer (DuckDB failed before opening the FIFO) is let go.
    await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then((handle) => handle.close(), () => {});
    await removeDir();
    return failed;
  });
  async function* csv() {
    yield Buffer.from(reader.header);
    yield* rows;
    const failed = await done;
    if (failed) throw failed;
  }
  const stream = Readable.from(csv(), { objectMode: false });
  stream.on("close", () => rows.destroy()); // a reader that stops early stops DuckDB (its writes fail)
  return stream;
}
