// Reading a file without writing: its content hash, and (fully mapped, so a bad row fails here,
// before any transaction) its format and the billing periods, rows and days it holds.
import { createHash } from "node:crypto";
import { PassThrough, type Readable } from "node:stream";
import type { FormatOption } from "./detect-format";
import type { ImportFile } from "./import-file";
import { mapFile } from "./map-file";
import type { ImportFormat, ImportedLineItem } from "./line-item";

export interface PeriodSummary {
  rows: number;
  firstDay: string;
  lastDay: string;
}

export interface ScannedFile {
  file: ImportFile;
  sha256: string;
  format: ImportFormat;
  rows: number;
  periods: Map<string, PeriodSummary>;
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

/** Maps a file's items, hashing what was read; `each` sees every item. */
export async function readFileItems(file: ImportFile, option: FormatOption, each: (item: ImportedLineItem) => void): Promise<{ sha256: string; format: ImportFormat; rows: number }> {
  const { stream, digest } = hashing(await file.open());
  const mapped = await mapFile(file.name, stream, option);
  let rows = 0;
  for await (const item of mapped.items) {
    each(item);
    rows++;
  }
  return { sha256: digest(), format: mapped.format, rows };
}

export async function scanFile(file: ImportFile, option: FormatOption): Promise<ScannedFile> {
  const periods = new Map<string, PeriodSummary>();
  const read = await readFileItems(file, option, (item) => {
    const period = periods.get(item.billingPeriod);
    if (!period) periods.set(item.billingPeriod, { rows: 1, firstDay: item.day, lastDay: item.day });
    else {
      period.rows++;
      if (item.day < period.firstDay) period.firstDay = item.day;
      if (item.day > period.lastDay) period.lastDay = item.day;
    }
  });
  return { file, ...read, periods };
}
