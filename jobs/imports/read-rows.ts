// Rows of an export file as objects keyed by column name: CSV (plain, gzip or zip, by magic bytes,
// not by name) streamed through csv-parse, or Parquet read row group by row group with hyparquet.
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";
import { parquetMetadata, parquetReadObjects, parquetSchema, type FileMetaData } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { ImportError } from "./import-error";
import type { RawRow } from "./line-item";
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

export type FileContent = { kind: "csv" | "parquet"; stream: Readable };

/** The decompressed content of a file (gzip or zip by magic bytes, not by name) and whether it is Parquet or CSV. */
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
  return { kind: head.subarray(0, 4).equals(PARQUET) ? "parquet" : "csv", stream };
}

export async function readRows(fileName: string, { kind, stream }: FileContent): Promise<RowReader> {
  return kind === "parquet" ? readParquet(fileName, stream) : readCsv(fileName, stream);
}

async function readCsv(fileName: string, stream: Readable): Promise<RowReader> {
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
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: RawRow; info: { lines: number } }>;
  const next = () =>
    iterator.next().catch((error: Error & { lines?: number; code?: string }) => {
      throw new ImportError(fileName, error.lines ?? null, null, error.code === "Z_DATA_ERROR" || error.code === "Z_BUF_ERROR" ? `not valid gzip (${error.message})` : error.message);
    });
  const first = await next(); // reads the header, so the columns are known before the rows
  async function* rows(): AsyncIterable<NumberedRow> {
    for (let item = first; !item.done; item = await next()) yield { line: item.value.info.lines, row: item.value.record };
  }
  return { columns, rows: rows() };
}

async function readParquet(fileName: string, stream: Readable): Promise<RowReader> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const buffer = Buffer.concat(chunks);
  const file = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(file);
  } catch (error) {
    throw new ImportError(fileName, null, null, `not a readable Parquet file (${(error as Error).message})`);
  }
  const columns = parquetSchema(metadata).children.map((child) => child.element.name);
  async function* rows(): AsyncIterable<NumberedRow> {
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const objects = await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors });
      for (const [i, row] of objects.entries()) yield { line: rowStart + i + 1, row };
      rowStart = rowEnd;
    }
  }
  return { columns, rows: rows() };
}
