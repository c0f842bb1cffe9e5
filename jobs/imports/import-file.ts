// An export file to import, wherever it lives: read as a stream, possibly twice (hash + check, then write).
import type { Readable } from "node:stream";

export interface ImportFile {
  /** Where it came from (path or s3:// URL): shown in errors and recorded on the batch. */
  name: string;
  open(): Promise<Readable>;
  /** What changes when the file is written (size and modification time), for a file that can change
   *  while it is read; absent where a read is of one version (an S3 object). */
  version?(): Promise<string>;
}

/** Billing data files; manifests, checksums and other exports' metadata are left alone. */
export function isExportFile(name: string): boolean {
  return /\.(csv|csv\.gz|csv\.zip|parquet|snappy\.parquet|gz\.parquet)$/i.test(name);
}

/** A file listed at a location, with what choosing deliveries needs (deliveries.ts). */
export interface ListedEntry {
  file: ImportFile;
  /** Relative to the location, "/"-separated; for S3 the object key. */
  path: string;
  /** Last modified, ms since the epoch. */
  modified: number;
}

/** A location's data files and AWS manifests (<name>-Manifest.json), each in name order. */
export interface LocationEntries {
  data: ListedEntry[];
  manifests: ListedEntry[];
}
