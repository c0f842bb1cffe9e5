// An import run: hash every file, skip the ones whose content already holds its period (a rerun is a
// no-op), check the changed ones whole (a bad row fails the run before anything is written), then
// write them in one transaction. The run is recorded in job_runs; each (file, period) in import_batches.
import { inArray, and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { importBatches } from "../../db/schema";
import { recordRun, RunFailure, type RunSummary } from "../sync/job-runs";
import type { FormatOption } from "./detect-format";
import { ImportError } from "./import-error";
import type { ImportFile } from "./import-file";
import { hashFile, scanFile, type ScannedFile } from "./scan-file";
import { writeImport } from "./write-import";

export interface ImportOptions {
  format?: FormatOption;
  /** Where the files came from, for the run record (a path, an s3:// prefix, "upload"). */
  location: string;
  onProgress?: (progress: { done: number; total: number; label: string }) => void;
}

export interface ImportResult {
  run: RunSummary;
  /** Set when a file was rejected: which file, line and column. */
  rejected?: ImportError;
}

export async function importFiles(database: Database, files: ImportFile[], options: ImportOptions): Promise<ImportResult> {
  const format = options.format ?? "auto";
  let rejected: ImportError | undefined;
  const run = await recordRun(database.db, { job: "import", source: options.location }, async (runId) => {
    const progress = (done: number, label: string) => options.onProgress?.({ done, total: files.length * 2, label });
    const hashes: string[] = [];
    for (const [i, file] of files.entries()) {
      hashes.push(await hashFile(file));
      progress(i + 1, `hashed ${file.name}`);
    }
    const current = hashes.length === 0 ? [] : await database.db
      .select({ id: importBatches.id, sha256: importBatches.sha256 })
      .from(importBatches)
      .where(and(eq(importBatches.status, "imported"), inArray(importBatches.sha256, hashes)));
    const unchanged = new Set(current.map((batch) => batch.sha256));
    const changed: ScannedFile[] = [];
    try {
      for (const [i, file] of files.entries()) {
        if (!unchanged.has(hashes[i]!)) changed.push(await scanFile(file, format));
        progress(files.length + i + 1, `checked ${file.name}`);
      }
    } catch (error) {
      if (error instanceof ImportError) rejected = error;
      throw error;
    }
    const fileDetails = files.map((file) => {
      const scan = changed.find((s) => s.file === file);
      return scan ? { name: file.name, status: "imported", format: scan.format, rows: scan.rows, periods: [...scan.periods.keys()] } : { name: file.name, status: "unchanged" };
    });
    if (changed.length === 0) return { rowsWritten: 0, details: { files: fileDetails } };
    try {
      const written = await writeImport(database, runId, changed, current.map((batch) => batch.id));
      return { window: written.window ?? undefined, rowsWritten: written.rowsWritten, details: { files: fileDetails, replacedBatches: written.replacedBatches, reconciliation: written.reconciliation, timings: written.timings } };
    } catch (error) {
      throw new RunFailure(error, { details: { files: fileDetails } });
    }
  });
  return { run, rejected };
}
