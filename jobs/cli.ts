// npm run cli -- <command>: the jobs of the server, by hand (same configuration, same database).
import { parseArgs } from "node:util";
import { SingleBar, Presets } from "cli-progress";
import { loadConfig, ConfigError } from "./config/load-config";
import { configureLogger } from "./logger";
import { openRuntime, runCommitmentsSync, runOpenCostPull, runSyncCycle, type Runtime } from "./runtime";
import { attributeJob } from "./attribution/attribute-job";
import { importCommand } from "./imports/import-command";
import { importOpenCostCommand } from "./imports/opencost/import-opencost";
import { businessImportCommand } from "./business/business-import";
import { previewOwnershipCommand, importBackstageCommand } from "./ownership/ownership-command";
import { usersCommand } from "./access/users-command";
import { reviewCommand } from "./reviews/review-command";
import { listJobRuns } from "../db/queries/job-runs";
import { addDays } from "../db/calendar";
import { daySchema, FIRST_PERIOD_DAY, lastPeriodDay } from "../db/period-schema";
import type { DayWindow } from "./sync/billing-window";
import type { RunSummary } from "./sync/job-runs";

const usage = `Usage: npm run cli -- <command> [options]
  sync       pull costs (the restatement window, or --from/--to) and resources, then attribute
  attribute  re-attribute --from/--to with the current ownership rules (alias: backfill)
  preview    what an edited ownership file would move per team: preview --file ownership.yaml [--effective-from YYYY-MM-DD]
  import-backstage  Backstage catalog-info.yaml annotations as ownership rules: --file F [--file G] [--effective-from YYYY-MM-DD]
  commitments  pull reservation / Savings Plans coverage, utilization and purchase recommendations
  status     the last job runs and the last complete billing day
  import     import CUR / CUR 2.0 / FOCUS exports: import <file | folder | s3://bucket/prefix> [--format auto|cur|cur2|focus]
  import-opencost  OpenCost /allocation answers (per day, by namespace or label) for a cluster without split data: import-opencost --cluster NAME FILE... [--workloads FILE]
                   (--workloads: answers by namespace,controller, for the cluster's workloads)
  pull-opencost  pull the last OPENCOST_DAYS days of /allocation from the OpenCost API of each cluster in OPENCOST_CLUSTERS, then attribute them
  business-import  business inputs from CSV: business-import <operations|headcount|revenue|vendors|goals> <file>
  users      who may sign in: users add --email E --role viewer|editor|admin [--team T] [--sso-only]
             (password on standard input or in TALLYBOARD_PASSWORD), users list, users disable --email E
  review     a business review document: review --scope team:<id>|group:<id>|org:<id>|company --period YYYY-MM|YYYY-Qn --format md|html|pdf [--out path] [--measure amortized]
Options: --from YYYY-MM-DD (inclusive)  --to YYYY-MM-DD (inclusive)`;

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { from: { type: "string" }, to: { type: "string" }, format: { type: "string" }, file: { type: "string", multiple: true }, "effective-from": { type: "string" }, email: { type: "string" }, role: { type: "string" }, team: { type: "string" }, "sso-only": { type: "boolean" }, help: { type: "boolean" }, scope: { type: "string" }, period: { type: "string" }, out: { type: "string" }, measure: { type: "string" }, cluster: { type: "string" }, workloads: { type: "string", multiple: true } } });
  const command = positionals[0];
  if (values.help || !command) return console.log(usage);
  // An import without AWS credentials reads the company's exports, never the demo (unless asked for).
  const config = loadConfig(process.env, process.cwd(), command === "import" ? "import" : "serve");
  configureLogger(config.logLevel === "info" ? "warn" : config.logLevel); // the progress bar is the output
  if (command === "users") return usersCommand(config, positionals[1], values);
  const runtime = await openRuntime(config);
  try {
    const window = parseWindow(values.from, values.to);
    if (command === "sync") await sync(runtime, window);
    else if (command === "attribute" || command === "backfill") {
      if (!window) throw new Error(`${command} needs --from and --to`);
      report(await attributeJob(runtime.database, runtime.source.name, window));
    } else if (command === "status") await status(runtime);
    else if (command === "commitments") {
      const run = await runCommitmentsSync(runtime);
      if (!run) throw new Error("another commitments sync holds the lock; try again when it has finished");
      report(run);
    }
    else if (command === "import") await importCommand(runtime, positionals[1], values.format);
    else if (command === "import-opencost") await importOpenCost(runtime, values.cluster, positionals.slice(1), values.workloads ?? []);
    else if (command === "pull-opencost") {
      const pulled = await runOpenCostPull(runtime);
      if (!pulled) throw new Error("another OpenCost pull holds the lock; try again when it has finished");
      for (const { run, attribution } of pulled) [run, attribution].forEach((each) => each && report(each));
    }
    else if (command === "business-import") await businessImportCommand(runtime.database.db, positionals[1], positionals[2]);
    else if (command === "preview") await previewOwnershipCommand(runtime, values.file?.[0], values["effective-from"]);
    else if (command === "review") for (const path of await reviewCommand(runtime, values)) console.log(`wrote ${path}`);
    else if (command === "import-backstage") await importBackstageCommand(runtime, values.file ?? [], values["effective-from"]);
    else throw new Error(`unknown command "${command}"\n${usage}`);
  } finally {
    await runtime.close();
  }
}

async function sync(runtime: Runtime, window: DayWindow | undefined) {
  const bar = new SingleBar({ format: "sync costs [{bar}] {value}/{total} queries  {label}", hideCursor: true }, Presets.shades_classic);
  let started = false;
  const result = await runSyncCycle(runtime, {
    window,
    onProgress: ({ done, total, label }) => {
      if (!started) bar.start(total, 0, { label });
      started = true;
      bar.update(done, { label });
    },
  });
  if (started) bar.stop();
  if (!result) throw new Error("another sync holds the lock; try again when it has finished");
  if (result.exports) report(result.exports);
  report(result.costs);
  report(result.resources);
}

async function status(runtime: Runtime) {
  const { runs, billing } = await listJobRuns(runtime.database.db, { limit: 10 });
  const day = billing.lastCompleteBillingDay ? `${billing.lastCompleteBillingDay} (from ${billing.basis}${billing.partialMonth ? `; ${billing.partialMonth} is partial` : ""})` : "none yet";
  console.log(`data source: ${runtime.source.description}\nlast complete billing day: ${day}`);
  console.table(runs.map((run) => ({ id: run.id, job: run.job, status: run.status, started: run.startedAt, window: run.windowStart && run.windowEnd ? `${run.windowStart}..${addDays(run.windowEnd, -1)}` : "", rows: run.rowsWritten, requests: run.apiRequests, error: run.error ?? "" })));
}

async function importOpenCost(runtime: Runtime, cluster: string | undefined, paths: string[], workloadPaths: string[]) {
  const { run, attribution } = await importOpenCostCommand(runtime.database, cluster, paths, (window) => attributeJob(runtime.database, runtime.source.name, window), workloadPaths);
  report(run); // the allocations written and the cluster-days replaced, or the error naming file, entry and field
  if (attribution) report(attribution);
}

function report(run: RunSummary) {
  const window = run.window ? ` ${run.window.start}..${addDays(run.window.end, -1)}` : "";
  console.log(`run ${run.runId}: ${run.status}${window}, ${run.rowsWritten ?? 0} rows, ${run.apiRequests ?? 0} API requests (${run.apiAttempts ?? 0} attempts)${run.error ? `\n  error: ${run.error}` : ""}`);
  if (run.status === "failed") process.exitCode = 1;
}

function parseWindow(from: string | undefined, to: string | undefined): DayWindow | undefined {
  if (!from && !to) return undefined;
  const isDay = (value: string | undefined): value is string => daySchema.safeParse(value).success;
  if (!isDay(from)) throw new Error(`--from must be a day, YYYY-MM-DD, between ${FIRST_PERIOD_DAY} and ${lastPeriodDay()}`);
  if (!isDay(to)) throw new Error(`--to must be a day, YYYY-MM-DD, between ${FIRST_PERIOD_DAY} and ${lastPeriodDay()}`);
  if (from > to) throw new Error("--from must not be after --to");
  return { start: from, end: addDays(to, 1) };
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : `Error: ${(error as Error).message}`);
  process.exit(1);
});
