// Everything a process needs to run jobs: the database, the ownership metadata, the billing source.
// Shared by the server (npm start) and the CLI, so both do exactly the same thing.
import { openDatabase, describePostgresUrl, type Database } from "../db/client";
import { ConfigError, type Config } from "./config/load-config";
import { describeError } from "./describe-error";
import { awsSource, demoSource, exportsSource, type BillingSource } from "./sources/billing-source";
import { claimDataOrigin } from "./data-origin";
import { defaultAwsApis } from "./sources/aws-clients";
import { readOwnershipFile } from "./ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "./ownership/apply-ownership";
import { attributeJob, backfillFrom } from "./attribution/attribute-job";
import { pullOpenCost, type PulledCluster } from "./imports/opencost/pull-opencost";
import { loadDemoBusinessInputs } from "./business/demo-business";
import { loadDemoBudgets } from "./budgets/budget-changes";
import { syncCosts } from "./sync/sync-costs";
import { importBundledExports } from "./sync/import-bundled-exports";
import { syncResources } from "./sync/sync-resources";
import { syncCommitments } from "./commitments/sync-commitments";
import type { FetchProgress } from "./sources/cost-explorer/fetch-costs";
import type { RunSummary } from "./sync/job-runs";
import type { DayWindow } from "./sync/billing-window";
import { withJobLock } from "./sync/abandoned-runs";
import { unsupportedNodeWarning } from "./node-version";
import { logger } from "./logger";

export interface Runtime {
  config: Config;
  database: Database;
  source: BillingSource;
  close(): Promise<void>;
}

export async function openRuntime(config: Config): Promise<Runtime> {
  const nodeWarning = unsupportedNodeWarning(process.version);
  if (nodeWarning) logger("runtime").warn(nodeWarning);
  // Read the ownership file before touching the database: a broken file fails start-up cleanly.
  const ownership = config.ownershipFile ? readOwnershipFile(config.ownershipFile) : null;
  const source =
    config.source === "demo"
      ? demoSource(config.demoDir)
      : config.source === "exports"
        ? exportsSource()
        : awsSource(config.awsRegions, defaultAwsApis(config.awsMaxAttempts));
  const database = await openDatabase(config.database).catch((error: Error) => {
    if (config.database.kind !== "postgres") throw error;
    throw new ConfigError("DATABASE_URL", `could not open ${describePostgresUrl(config.database.url)}: ${describeError(error)}`);
  });
  // Before anything is written: the demo and a company's billing never share a database.
  await claimDataOrigin(database.db, source.name === "demo" ? "demo" : "company", database.description).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  if (ownership) {
    const applied = await applyOwnership(database.db, ownership, { source: OWNERSHIP_FILE_SOURCE, actor: "ownership-file", today: source.today() });
    // A changed file re-attributes from its effective date on; earlier days stay as they were.
    if (applied.effectiveFrom) await backfillFrom(database, source.name, applied.effectiveFrom);
  }
  if (source.name === "demo") {
    // The demo's operations, headcount, revenue, vendors, goals and budgets, into empty tables only.
    await loadDemoBusinessInputs(database.db, config.demoDir);
    await loadDemoBudgets(database.db, config.demoDir);
  }
  return { config, database, source, close: () => database.close() };
}

export interface SyncCycleResult {
  /** The import of the source's own export (the demo's CUR), when it has one. */
  exports?: RunSummary;
  costs: RunSummary;
  resources: RunSummary;
}

/** One scheduled sync: costs (with attribution), then resources. Undefined if another holder runs it. */
export async function runSyncCycle(
  runtime: Runtime,
  options: { window?: DayWindow; onProgress?: (progress: FetchProgress) => void } = {},
): Promise<SyncCycleResult | undefined> {
  const { config, database, source } = runtime;
  if (!usesCostExplorer(config)) throw new Error("TALLYBOARD_SOURCE=exports: there is no Cost Explorer sync; billing comes from the exports (npm run cli -- import, IMPORT_LOCATION)");
  const retry = { retries: config.syncRetries, baseDelayMs: config.syncRetryBaseMs };
  return withJobLock(database, "tallyboard:sync", async () => {
    // The source's own export first (the demo's CUR): then the cost sync attributes with it in place.
    const exports = await importBundledExports(database, source);
    return {
      ...(exports && { exports }),
      costs: await syncCosts(database, source, {
        restatementDays: config.restatementDays,
        historyMonths: config.historyMonths,
        retry,
        ...options,
      }),
      resources: await syncResources(database, source, retry),
    };
  });
}

/** The commitments sync (coverage, utilization, recommendations); its own lock, so it never waits on the cost sync. */
export async function runCommitmentsSync(runtime: Runtime): Promise<RunSummary | undefined> {
  const { config, database, source } = runtime;
  if (!usesCostExplorer(config)) throw new Error("TALLYBOARD_SOURCE=exports: commitments come from Cost Explorer, which this deployment does not call");
  return database.withAdvisoryLock("tallyboard:commitments", () => syncCommitments(database, source, { retries: config.syncRetries, baseDelayMs: config.syncRetryBaseMs }));
}

/** The OpenCost APIs of OPENCOST_CLUSTERS, each pull followed by the re-attribution of the days it replaced; undefined when another instance holds the lock. */
export async function runOpenCostPull(runtime: Runtime): Promise<PulledCluster[] | undefined> {
  const { config, database, source } = runtime;
  if (!config.opencost) throw new Error("OPENCOST_CLUSTERS names no cluster: set it to cluster=url pairs (onprem-k8s=http://opencost.opencost:9003)");
  return pullOpenCost(database, config.opencost, (window) => attributeJob(database, source.name, window));
}

/** Whether this deployment calls Cost Explorer and the Tagging API (every source but exports-only). */
export function usesCostExplorer(config: Pick<Config, "source">): boolean {
  return config.source !== "exports";
}
