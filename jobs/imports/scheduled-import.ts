// The scheduled import of IMPORT_LOCATION, under its own advisory lock (separate from the sync's),
// so with several instances on one database it runs once.
import type { Runtime } from "../runtime";
import { logger } from "../logger";
import { importFromLocation } from "./import-location";
import { withJobLock } from "../sync/abandoned-runs";

const log = logger("scheduled-import");

export const IMPORT_LOCK = "tallyboard:import";

export async function runScheduledImport(runtime: Runtime, trigger: string): Promise<void> {
  const location = runtime.config.importLocation;
  if (!location) return;
  try {
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
