// An export file to import, wherever it lives: read as a stream, possibly twice (hash + check, then write).
import type { Readable } from "node:stream";

export interface ImportFile {
  /** Where it came from (path or s3:// URL): shown in errors and recorded on the batch. */
  name: string;
  open(): Promise<Readable>;
}

/** Billing data files; manifests, checksums and other exports' metadata are left alone. */
export function isExportFile(name: string): boolean {
  return /\.(csv|csv\.gz|csv\.zip|parquet|snappy\.parquet|gz\.parquet)$/i.test(name);
}
