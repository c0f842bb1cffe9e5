// Reading a file without writing: its content hash (to skip a file already imported), and what a
// file written by write-import.ts turned out to hold: format, billing periods, rows and days.
import { createHash } from "node:crypto";
import { PassThrough, type Readable } from "node:stream";
import type { ImportFile } from "./import-file";
import type { ImportFormat } from "./line-item";

export interface PeriodSummary {
  rows: number;
  firstDay: string;
  lastDay: string;
}

/** The first and last day of the periods' rows; null for none. */
export function dayRange(periods: Map<string, PeriodSummary>): [string, string] | null {
  const days = [...periods.values()].flatMap((period) => [period.firstDay, period.lastDay]).sort();
  return days.length === 0 ? null : [days[0]!, days.at(-1)!];
}

export interface ScannedFile {
  file: ImportFile;
  sha256: string;
  format: ImportFormat;
  rows: number;
  periods: Map<string, PeriodSummary>;
  /** The file's header, as read (for the import's quality report: tag columns, columns ignored). */
  columns: string[];
  /** Who parsed and mapped the rows: PostgreSQL (CSV of any format, Parquet turned CSV), DuckDB (a legacy CUR
   *  Parquet file into new months, parquet-direct.ts) or Node (a file the SQL path refused). */
  parsedBy: "postgres" | "duckdb" | "node";
}

/** The stream, passed through a sha256 of its raw (still compressed) bytes. */
export function hashing(input: Readable): { stream: Readable; digest: () => string } {
  const hash = createHash("sha256");
  const stream = new PassThrough();
  input.on("data", (chunk: Buffer) => hash.update(chunk));
  input.on("error", (error) => stream.destroy(error));
  input.pipe(stream);
  return { stream, digest: () => hash.digest("hex") };
}

export async function hashFile(file: ImportFile): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of await file.open()) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
