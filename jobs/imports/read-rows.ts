// Rows of an export file as objects keyed by column name: CSV (plain, gzip or zip, by magic bytes,
// not by name) streamed through csv-parse; Parquet is first written out as CSV (parquet-to-csv.ts).
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";
import { ImportError } from "./import-error";
import type { RawRow } from "./line-item";
import { parquetAsCsv } from "./parquet-to-csv";
import { ZIP, zipEntry } from "./zip-entry";

export interface NumberedRow {
  line: number;
  row: RawRow;
}

export interface RowReader {
  columns: string[];
  rows: AsyncIterable<NumberedRow>;
}

const GZIP = [0x1f, 0x8b];
const PARQUET = Buffer.from("PAR1");

/** The first bytes of a stream (until `enough` says so, or the end), and a stream that still yields everything. */
export async function peek(stream: Readable, enough: number | ((head: Buffer) => boolean)): Promise<{ head: Buffer; stream: Readable }> {
  const done = typeof enough === "number" ? (head: Buffer) => head.length >= enough : enough;
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let head = Buffer.alloc(0);
  while (!done(head)) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(next.value);
    head = Buffer.concat(chunks);
  }
  async function* rest() {
    if (head.length > 0) yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, stream: Readable.from(rest(), { objectMode: false }) };
}

/** A file's content as CSV; `fromParquet`: converted from Parquet, whose rows are numbered 1..N in file order. */
export type FileContent = { stream: Readable; fromParquet: boolean };

/** The decompressed content of a file (gzip or zip by magic bytes, not by name), Parquet (by magic bytes) as CSV. */
export async function openContent(fileName: string, input: Readable): Promise<FileContent> {
  let { head, stream } = await peek(input, 4);
  if (head[0] === GZIP[0] && head[1] === GZIP[1]) {
    ({ head, stream } = await peek(stream.pipe(createGunzip()), 4).catch((error: Error) => {
      throw new ImportError(fileName, null, null, `not valid gzip (${error.message})`);
    }));
  } else if (ZIP.every((byte, i) => head[i] === byte)) {
    ({ head, stream } = await peek(await zipEntry(fileName, stream), 4).catch((error: Error) => {
      throw error instanceof ImportError ? error : new ImportError(fileName, null, null, `not a valid zip (${error.message})`);
    }));
  }
  if (head.subarray(0, 4).equals(PARQUET)) return { stream: await parquetAsCsv(fileName, stream), fromParquet: true };
  if (/\.parquet$/i.test(fileName)) {
    stream.destroy();
    throw new ImportError(fileName, null, null, "named .parquet but not a Parquet file (it does not start with PAR1)");
  }
  return { stream, fromParquet: false };
}

export async function readRows(fileName: string, { stream, fromParquet }: FileContent): Promise<RowReader> {
  return readCsv(fileName, stream, fromParquet);
}

/** `numberedByRecord`: a row's number is its record's (a Parquet row), not the CSV line it ends on. */
async function readCsv(fileName: string, stream: Readable, numberedByRecord: boolean): Promise<RowReader> {
  let columns: string[] = [];
  const parser = stream.pipe(
    parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      columns: (header: string[]) => (columns = header.map((name) => name.trim())),
    }),
  );
  stream.on("error", (error) => parser.destroy(error));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: RawRow; info: { lines: number; records: number } }>;
  const next = () =>
    iterator.next().catch((error: Error & { lines?: number; code?: string }) => {
      throw new ImportError(fileName, error.lines ?? null, null, error.code === "Z_DATA_ERROR" || error.code === "Z_BUF_ERROR" ? `not valid gzip (${error.message})` : error.message);
    });
  const first = await next(); // reads the header, so the columns are known before the rows
  async function* rows(): AsyncIterable<NumberedRow> {
    for (let item = first; !item.done; item = await next()) yield { line: numberedByRecord ? item.value.info.records : item.value.info.lines, row: item.value.record };
  }
  return { columns, rows: rows() };
}
