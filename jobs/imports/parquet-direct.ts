// A legacy CUR Parquet file on a real PostgreSQL, the short way: DuckDB reads the file once for its
// billing periods, then maps every row into the line item PostgreSQL stores (parquet-cur-rows.ts)
// and writes them in COPY's text format into a FIFO; lanes COPY blocks of it, side by side, straight into the
// fresh month tables of the import (sql-lanes.ts BlockTables), through a partitioned scratch
// table that routes each row to its month. No text staging, no SQL mapping, each row written once.
// Taken only when every month the file holds is new to the database (a first load or a backfill);
// otherwise, or for a file it does not read (another format, numbers or timestamps held as text),
// the file goes the CSV way (parquet-to-csv.ts), whose checks and results are the same.
import { execFile } from "node:child_process";
import { constants, createReadStream, createWriteStream } from "node:fs";
import { Socket } from "node:net";
import { mkdtemp, open, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import type { DuckDBConnection } from "@duckdb/node-api";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { copyIn } from "../../db/copy-rows";
import { inMemoryDuckDb } from "../engines/in-memory-duckdb";
import type { FormatOption } from "./detect-format";
import { resolveFormat } from "./map-file";
import { PLAIN_NUMBER_MACROS, schemaNames } from "./parquet-to-csv";
import { CUR_ROW_MACROS, curRowsQuery, type CurRowsQuery } from "./parquet-cur-rows";
import type { PeriodSummary } from "./scan-file";
import type { BlockSink, BlockTables } from "./sql-lanes";
import { SqlPathRefused, withTagKeysRegistered, type SqlStagedFile } from "./sql-stage";

const execFileAsync = promisify(execFile);
// DuckDB maps on one thread, so PostgreSQL gets the other cores, one COPY each. More COPYs than that
// only contend with DuckDB: on 2 cores, 1M rows streamed in 3.9-5.0 s on one lane against 4.3-6.3 s
// on three (alternating runs), and 10M rows took as long either way.
const DIRECT_LANES = Math.max(1, availableParallelism() - 1);
const quoted = (path: string) => path.replaceAll("'", "''");

export interface DirectStaged extends SqlStagedFile {
  columns: string[];
}

/**
 * Stages a Parquet file the direct way and returns what it held, or returns the file's bytes again
 * (`declined`) for the CSV path. `parquet` is the whole file's stream (hashed as it passes).
 */
export async function stageParquetDirect(database: Database, blocks: BlockTables, fileName: string, parquet: Readable, option: FormatOption, sink: BlockSink): Promise<{ staged: DirectStaged } | { declined: Readable }> {
  const dir = await mkdtemp(join(tmpdir(), "tallyboard-parquet-"));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  const input = join(dir, "input.parquet");
  let keepDir = false;
  try {
    await pipeline(parquet, createWriteStream(input, { highWaterMark: 1 << 20 }));
    // The periods pass has every core (PostgreSQL waits for it); the mapping then runs on one (streamRows).
    const instance = await inMemoryDuckDb({ threads: String(availableParallelism()), preserve_insertion_order: "false" });
    const connection = await instance.connect();
    try {
      const plan = await planFile(connection, input, fileName, option);
      const periods = plan && (await readPeriods(connection, plan.query));
      const days = periods && dayRange(periods);
      const fresh = days && (await blocks.freshMonths(days[0], days[1]));
      if (!plan || !periods || !days || !fresh) {
        keepDir = true;
        const again = createReadStream(input, { highWaterMark: 1 << 20 });
        again.on("close", () => void removeDir());
        return { declined: again };
      }
      const batchIds = await sink.batchIds([...periods.keys()], database.db);
      const rows = [...periods.values()].reduce((sum, period) => sum + period.rows, 0);
      const scratch = blocks.next();
      await database.db.execute(sql.raw(`create table ${scratch} (like cost_line_items including defaults) partition by range (day)`));
      try {
        for (const month of fresh) await database.db.execute(sql.raw(`alter table ${scratch} attach partition ${month.table} for values from ('${month.from}') to ('${month.to}')`));
        const copied = await streamRows(database, connection, dir, scratch, plan.query.columns, plan.query.rows(sink.source, batchIds));
        if (copied !== rows) throw new SqlPathRefused(`DuckDB wrote ${copied} of the file's ${rows} rows`);
      } finally {
        for (const month of fresh) await database.db.execute(sql.raw(`alter table ${scratch} detach partition ${month.table}`)).catch(() => undefined);
        await database.db.execute(sql.raw(`drop table if exists ${scratch}`));
      }
      const tagKeys = plan.query.tagKeys;
      await sink.write({ periods, firstDay: days[0], lastDay: days[1], written: true, insert: (tx) => withTagKeysRegistered(tx, { tagKeys, periods }, async () => rows) });
      return { staged: { rows, periods, tagKeys, columns: plan.header } };
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } finally {
    if (!keepDir) await removeDir();
  }
}

/** The file's header and its row query, when it is a legacy CUR this path reads; null otherwise (or when DuckDB cannot read it: the CSV path names the problem). */
async function planFile(connection: DuckDBConnection, input: string, fileName: string, option: FormatOption): Promise<{ header: string[]; query: CurRowsQuery } | null> {
  const from = `read_parquet('${quoted(input)}')`;
  try {
    await connection.run("set TimeZone = 'UTC'");
    await connection.run(PLAIN_NUMBER_MACROS);
    await connection.run(CUR_ROW_MACROS);
    const described = (await connection.runAndReadAll(`describe select * from ${from}`)).getRowObjects();
    const header = (await schemaNames(connection, quoted(input))).map((name) => name.trim());
    if (header.length !== described.length || new Set(header).size !== header.length) return null;
    if (resolveFormat(fileName, header, option) !== "cur") return null;
    const query = curRowsQuery(header, described.map((column) => ({ duckName: String(column.column_name), type: String(column.column_type) })), from);
    return query && { header, query };
  } catch {
    return null;
  }
}

/** The periods the rows fall in; null when a timestamp is not one the CSV path reads (it then refuses the file
 *  itself), or a number column typed as text holds values (the CSV path reads them). */
async function readPeriods(connection: DuckDBConnection, query: CurRowsQuery): Promise<Map<string, PeriodSummary> | null> {
  const rows = (await connection.runAndReadAll(query.periods)).getRowObjects();
  if (rows.length === 0 || rows.some((row) => row.ok !== true || row.period === null || Number(row.texts) > 0)) return null;
  return new Map(rows.map((row) => [String(row.period), { rows: Number(row.rows), firstDay: String(row.first), lastDay: String(row.last) }]));
}

function dayRange(periods: Map<string, PeriodSummary>): [string, string] {
  const days = [...periods.values()].flatMap((period) => [period.firstDay, period.lastDay]).sort();
  return [days[0]!, days.at(-1)!];
}

/**
 * DuckDB writes the rows into a FIFO while DIRECT_LANES connections COPY them into `table`, each taking
 * the next line-aligned chunk as it is free (every core busy from the first rows on, no blocks to
 * fill first). Returns how many rows DuckDB wrote. A lane that fails stops the reading (DuckDB's
 * writes then fail) and the others.
 */
async function streamRows(database: Database, connection: DuckDBConnection, dir: string, table: string, columns: string[], select: string): Promise<number> {
  const fifo = join(dir, "rows.txt");
  await execFileAsync("mkfifo", [fifo]);
  await connection.run("set threads = 1");
  // Read as a pipe on the event loop (fs streams read a FIFO through the thread pool, several times the CPU). A
  // writer end of our own, held until DuckDB is done, keeps the reader from an end of file before DuckDB opens it.
  const reader = await open(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const holder = await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  const stream = new Socket({ fd: reader.fd, readable: true, writable: false });
  const written = connection
    .runAndReadAll(`copy (${select}) to '${quoted(fifo)}' (format csv, header false, delimiter '\t', quote '', escape '', null '\\N', use_tmp_file false)`)
    .then((result) => Number(result.getRows()[0]?.[0] ?? -1))
    .finally(() => holder.close());
  written.catch(() => {});
  const chunks = new Channel<Buffer>(6); // chunks read ahead of the lanes
  const lanes = Array.from({ length: DIRECT_LANES }, () =>
    database.db.transaction(async (lane) => {
      const copy = await copyIn(lane, `copy ${table} (${columns.join(", ")}) from stdin`);
      try {
        for (let chunk = await chunks.take(); chunk; chunk = await chunks.take()) await copy.write(chunk);
      } catch (error) {
        await copy.abort(error as Error);
        throw error;
      }
      await copy.end();
    }).catch((error: unknown) => {
      chunks.fail(error);
      throw error;
    }),
  );
  let failure: unknown;
  try {
    for await (const chunk of lineChunks(stream)) await chunks.put(chunk);
    chunks.close();
  } catch (error) {
    failure = error;
    chunks.fail(error);
  } finally {
    stream.destroy();
    await reader.close().catch(() => undefined);
  }
  for (const result of await Promise.allSettled(lanes)) if (result.status === "rejected") failure ??= result.reason;
  const count = await written.catch((error: Error) => {
    throw new SqlPathRefused(`DuckDB refused the file: ${error.message.split("\n")[0]}`, { cause: error });
  });
  if (failure) throw failure instanceof SqlPathRefused ? failure : new SqlPathRefused(`PostgreSQL refused the rows: ${(failure as Error).message}`, { cause: failure });
  return count;
}

/** The stream's bytes in chunks that end at a line end: in COPY's text format a newline always ends a row. */
async function* lineChunks(input: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  let rest: Buffer | null = null;
  for await (const chunk of input) {
    const whole: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    const end = whole.lastIndexOf(0x0a) + 1;
    if (end > 0) yield whole.subarray(0, end);
    rest = end < whole.length ? whole.subarray(end) : null;
  }
  if (rest) yield rest;
}

/** A bounded queue between one producer and several consumers; take() gives null once it is closed and empty. */
class Channel<T> {
  private readonly items: T[] = [];
  private readonly waiting: Array<() => void> = [];
  private closed = false;
  private error: unknown;

  constructor(private readonly limit: number) {}

  async put(item: T): Promise<void> {
    while (this.items.length >= this.limit && this.error === undefined) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.error !== undefined) throw this.error;
    this.items.push(item);
    this.wake();
  }

  async take(): Promise<T | null> {
    for (;;) {
      if (this.error !== undefined) throw this.error;
      if (this.items.length > 0) {
        const item = this.items.shift()!;
        this.wake();
        return item;
      }
      if (this.closed) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  fail(error: unknown): void {
    this.error ??= error;
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
