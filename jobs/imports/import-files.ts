// An import run: hash every file an import has written under its name before, skip the ones whose
// content already holds its period (a rerun is a no-op), then read, check and write the changed and
// new ones in one pass inside one transaction (a bad row rolls it back: nothing is written, and the
// file, line and column are reported). A new name is hashed only as it is written (a file read once,
// not twice); should its content be an imported file's, the import is redone with every file hashed
// first, so the outcome is the same. The run is recorded in job_runs; each (file, period) in import_batches.
import { vacuumAfterAttribution } from "../attribution/settle-read-models";
import { inArray, and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { importBatches } from "../../db/schema";
import { recordRun, RunFailure, type RunSummary } from "../sync/job-runs";
import type { DeliveryChoice } from "./deliveries";
import type { FormatOption } from "./detect-format";
import { ImportError } from "./import-error";
import type { ImportFile } from "./import-file";
import { hashFile, type ScannedFile } from "./scan-file";
import { SqlPathRefused } from "./sql-stage";
import { ContentAlreadyImported, writeImport } from "./write-import";

export interface ImportOptions {
  format?: FormatOption;
  /** Where the files came from, for the run record (a path, an s3:// prefix, "upload"). */
  location: string;
  onProgress?: (progress: { done: number; total: number; label: string }) => void;
  /** See WriteOptions.blockBytes. */
  blockBytes?: number;
  /** The delivery chosen per billing period (import-location.ts), recorded on the run. */
  deliveries?: DeliveryChoice[];
  /** See WriteOptions.resourcesFromExports. */
  resourcesFromExports?: boolean;
}

export interface ImportResult {
  run: RunSummary;
  /** Set when a file was rejected: which file, line and column. */
  rejected?: ImportError;
}

export async function importFiles(database: Database, files: ImportFile[], options: ImportOptions): Promise<ImportResult> {
  let rejected: ImportError | undefined;
  const run = await recordRun(database.db, { job: "import", source: options.location }, async (runId) => {
    const attempt = (hashEvery: boolean) => importOnce(database, runId, files, options, hashEvery, (error) => (rejected = error));
    return attempt(false).catch((error: unknown) => {
      if (error instanceof ContentAlreadyImported) return attempt(true);
      throw error;
    });
  });
  return { run, rejected };
}

async function importOnce(database: Database, runId: number, files: ImportFile[], options: ImportOptions, hashEvery: boolean, reject: (error: ImportError) => void) {
  const format = options.format ?? "auto";
  const progress = (done: number, label: string) => options.onProgress?.({ done, total: files.length * 2, label });
  const seen = hashEvery ? null : await namesWritten(database, files);
  const hashes: (string | undefined)[] = [];
  for (const [i, file] of files.entries()) {
    hashes.push(seen && !seen.has(file.name) ? undefined : await hashFile(file));
    progress(i + 1, `hashed ${file.name}`);
  }
  const known = hashes.filter((hash) => hash !== undefined);
  const current = known.length === 0 ? [] : await database.db
    .select({ id: importBatches.id, sha256: importBatches.sha256 })
    .from(importBatches)
    .where(and(eq(importBatches.status, "imported"), inArray(importBatches.sha256, known)));
  const unchanged = new Set(current.map((batch) => batch.sha256));
  const changed = files.flatMap((file, i) => (hashes[i] && unchanged.has(hashes[i]) ? [] : [{ file, sha256: hashes[i] }]));
  const detailsOf = (scans: ScannedFile[]) =>
    files.map((file) => {
      const scan = scans.find((s) => s.file === file);
      if (scan) return { name: file.name, status: "imported", format: scan.format, rows: scan.rows, periods: [...scan.periods.keys()], parsedBy: scan.parsedBy };
      return changed.some((c) => c.file === file) ? { name: file.name, status: "not written" } : { name: file.name, status: "unchanged" };
    });
  const deliveries = options.deliveries ? { deliveries: options.deliveries } : {};
  if (changed.length === 0) return { rowsWritten: 0, details: { files: detailsOf([]), ...deliveries } };
  try {
    // One pass: each file is validated as it is written; a bad row rolls the whole write back.
    const kept = current.map((batch) => batch.id);
    // PostgreSQL parses and maps what it can read exactly as the Node path would; what it refuses
    // (a bad row among them) is redone in Node, which names the file, line and column.
    let refused: string | undefined;
    const write = (parseIn: "postgres" | "node") => writeImport(database, runId, changed, { format, keptBatchIds: kept, parseIn, blockBytes: options.blockBytes, resourcesFromExports: options.resourcesFromExports });
    const written = await write("postgres").catch((error: unknown) => {
      if (!(error instanceof SqlPathRefused)) throw error;
      refused = error.message;
      return write("node");
    });
    await vacuumAfterAttribution(database, written.window ?? undefined);
    progress(files.length * 2, "written");
    return { window: written.window ?? undefined, rowsWritten: written.rowsWritten, details: { files: detailsOf(written.files), ...deliveries, ...(refused ? { sqlPathRefused: refused } : {}), replacedBatches: written.replacedBatches, attachedPartitions: written.attachedPartitions, reconciliation: written.reconciliation, timings: written.timings, ...(written.quality ? { quality: written.quality } : {}) } };
  } catch (error) {
    if (error instanceof ContentAlreadyImported) throw error;
    if (error instanceof ImportError) {
      reject(error);
      throw error;
    }
    throw new RunFailure(error, { details: { files: detailsOf([]), ...deliveries } });
  }
}

/** The names among the files' that an import has written a batch under. */
async function namesWritten(database: Database, files: ImportFile[]): Promise<Set<string>> {
  if (files.length === 0) return new Set();
  const rows = await database.db.selectDistinct({ name: importBatches.fileName }).from(importBatches).where(inArray(importBatches.fileName, files.map((file) => file.name)));
  return new Set(rows.map((row) => row.name));
}
