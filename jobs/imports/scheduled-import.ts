// The scheduled import of IMPORT_LOCATION, under the import lock (separate from the sync's), so with
// several instances on one database it runs once. With PASS_ENGINE=duckdb the location's files go
// through the DuckDB pass; with athena the pass reads the configured table (the open month and the
// one before); either way only grouped facts reach PostgreSQL (docs/engines.md).
import type { Runtime } from "../runtime";
import { logger } from "../logger";
import { importFromLocation } from "./import-location";
import { withJobLock } from "../sync/abandoned-runs";
import { runConfiguredPass } from "../engines/engine-command";
import { IMPORT_LOCK } from "./import-lock";

const log = logger("scheduled-import");

export async function runScheduledImport(runtime: Runtime, trigger: string): Promise<void> {
  const location = runtime.config.importLocation;
  if (!location) return;
  try {
    const engine = runtime.config.engine.name;
    if (engine !== "postgres") {
      const run = await runConfiguredPass(runtime, engine === "duckdb" ? location : undefined);
      if (!run) return log.info({ trigger, engine }, "import skipped: another instance holds the lock");
      return log.info({ trigger, engine, status: run.status, facts: run.rowsWritten, window: run.window, error: run.error }, "engine pass finished");
    }
    const result = await withJobLock(runtime.database, IMPORT_LOCK, () => importFromLocation(runtime.database, location, { resourcesFromExports: runtime.source.name === "exports" }));
    if (!result) return log.info({ trigger }, "import skipped: another instance holds the lock");
    const { run } = result;
    // Which delivery each period came from (folder, assemblyId/executionId): what to check against AWS.
    log.info({ trigger, location, status: run.status, rows: run.rowsWritten, window: run.window, deliveries: run.details?.deliveries, error: run.error }, "import finished");
  } catch (error) {
    // Listing failures (missing folder, S3 access) land here; a rejected file or delivery is a failed run above.
    log.error({ trigger, location, err: { message: (error as Error).message } }, "import crashed");
  }
}
