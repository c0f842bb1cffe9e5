// The in-process scheduler: the sync runs on SYNC_CRON, and once at start when nothing was synced yet.
// Each run takes a Postgres advisory lock, so with several instances on one database it runs once.
import { Cron } from "croner";
import { eq } from "drizzle-orm";
import { importBatches, syncWatermarks, COST_EXPLORER_SOURCE } from "../db/schema";
import { logger } from "./logger";
import { runCommitmentsSync, runOpenCostPull, runSyncCycle, usesCostExplorer, type Runtime } from "./runtime";
import { runScheduledImport } from "./imports/scheduled-import";
import { runNudgeJob } from "./nudges/nudge-job";

const log = logger("scheduler");

export interface Scheduler {
  /** Resolves when the start-up sync (if any) has finished. */
  initialSync: Promise<void>;
  stop(): void;
}

export function startScheduler(runtime: Runtime): Scheduler {
  const runOnce = async (trigger: string) => {
    try {
      const result = await runSyncCycle(runtime);
      if (!result) return log.info({ trigger }, "sync skipped: another instance holds the lock");
      const { exports, costs, resources } = result;
      log.info(
        { trigger, ...(exports && { exports: { status: exports.status, rows: exports.rowsWritten, error: exports.error } }), costs: { status: costs.status, rows: costs.rowsWritten, requests: costs.apiRequests, window: costs.window, error: costs.error }, resources: { status: resources.status, rows: resources.rowsWritten, error: resources.error } },
        "sync finished",
      );
    } catch (error) {
      log.error({ trigger, err: { message: (error as Error).message } }, "sync crashed");
    }
  };
  // Exports-only deployments make no Cost Explorer or Tagging call: no sync, no commitments sync.
  const costExplorer = usesCostExplorer(runtime.config);
  const job = costExplorer ? new Cron(runtime.config.syncCron, { protect: true }, () => runOnce("schedule")) : null;
  const importJob = runtime.config.importLocation ? new Cron(runtime.config.importCron, { protect: true }, () => runScheduledImport(runtime, "schedule")) : null;
  // Nudges: generated from what the sync committed, then delivered; own lock (tallyboard:nudges).
  const runNudges = () =>
    runNudgeJob(runtime.database, runtime.source.name, { allowedWebhookHosts: runtime.config.webhookAllowedHosts })
      .then((run) => run && log.info({ status: run.status, details: run.details, error: run.error }, "nudges finished"))
      .catch((error: Error) => log.error({ err: { message: error.message } }, "nudges crashed"));
  const nudgeJob = new Cron(runtime.config.nudgeCron, { protect: true }, runNudges);
  const runCommitments = () =>
    runCommitmentsSync(runtime)
      .then((run) => run && log.info({ status: run.status, rows: run.rowsWritten, requests: run.apiRequests, error: run.error }, "commitments sync finished"))
      .catch((error: Error) => log.error({ err: { message: error.message } }, "commitments sync crashed"));
  const commitmentsJob = costExplorer ? new Cron(runtime.config.commitmentsCron, { protect: true }, runCommitments) : null;
  const runOpenCost = () =>
    runOpenCostPull(runtime)
      .then((pulled) => {
        if (!pulled) return log.info("OpenCost pull skipped: another instance holds the lock");
        for (const { cluster, run } of pulled) log.info({ cluster, status: run.status, rows: run.rowsWritten, window: run.window, error: run.error }, "OpenCost pull finished");
      })
      .catch((error: Error) => log.error({ err: { message: error.message } }, "OpenCost pull crashed"));
  const openCostJob = runtime.config.opencost ? new Cron(runtime.config.opencost.cron, { protect: true }, runOpenCost) : null;
  const initialSync = (async () => {
    if (!costExplorer) {
      // The exports' first import at start, so a first start shows data without waiting for IMPORT_CRON.
      const [imported] = await runtime.database.db.select({ id: importBatches.id }).from(importBatches).limit(1);
      if (imported) return;
      await runScheduledImport(runtime, "first start");
      return runNudges();
    }
    const [watermark] = await runtime.database.db.select().from(syncWatermarks).where(eq(syncWatermarks.source, COST_EXPLORER_SOURCE));
    if (watermark) return;
    await runOnce("first start");
    await runCommitments(); // a populated Commitments page (and lease dates for the expiry nudge) without waiting for COMMITMENTS_CRON
    await runNudges(); // so a first start shows its nudges without waiting for NUDGE_CRON
  })();
  return {
    initialSync,
    stop: () => {
      job?.stop();
      importJob?.stop();
      nudgeJob.stop();
      commitmentsJob?.stop();
      openCostJob?.stop();
    },
  };
}
