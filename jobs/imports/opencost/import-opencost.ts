// npm run cli -- import-opencost --cluster NAME FILE...: OpenCost /allocation answers (per day, by
// namespace or label) for one cluster without split data, checked whole before anything is written,
// stored in one transaction (replacing the cluster-days they cover), then those days re-attributed.
import { readFile } from "node:fs/promises";
import type { Database, DbOrTx } from "../../../db/client";
import { addDays } from "../../../db/calendar";
import { recordRun, RunFailure, type RunSummary } from "../../sync/job-runs";
import type { DayWindow } from "../../sync/billing-window";
import { OpenCostImportError } from "./opencost-error";
import { parseOpenCostAllocations, type OpenCostAggregate, type OpenCostAllocation } from "./parse-allocations";
import { replaceClusterDays, replaceWorkloadDays } from "./write-allocations";

export interface OpenCostFile {
  name: string;
  text: string;
}

export interface OpenCostImport {
  cluster: string;
  days: string[];
  rows: number;
  /** Workload rows written (from the workload answers), and the days they cover. */
  workloads: { days: string[]; rows: number };
}

/** Every file parsed and checked first (a cluster-day in two files of one kind is refused: one answer
 *  per day), then both kinds stored in one transaction. `workloadFiles`: aggregate=namespace,controller answers. */
export async function importOpenCost(db: DbOrTx, cluster: string, files: OpenCostFile[], workloadFiles: OpenCostFile[] = []): Promise<OpenCostImport> {
  if (!cluster.trim()) throw new Error("import-opencost needs --cluster: the cluster's name in the bill (aws:eks:cluster-name or kubernetes.io/cluster/<name>)");
  const allocations = parseAnswers(cluster, files, "cost");
  const workloadAllocations = parseAnswers(cluster, workloadFiles, "workloads");
  return db.transaction(async (tx) => {
    const { days, rows } = await replaceClusterDays(tx, cluster, allocations);
    return { cluster, days, rows, workloads: await replaceWorkloadDays(tx, cluster, workloadAllocations) };
  });
}

function parseAnswers(cluster: string, files: OpenCostFile[], aggregate: OpenCostAggregate): OpenCostAllocation[] {
  const dayFile = new Map<string, string>();
  const allocations: OpenCostAllocation[] = [];
  for (const file of files) {
    const parsed = parseOpenCostAllocations(file.name, file.text, cluster, aggregate);
    for (const day of new Set(parsed.map((allocation) => allocation.day))) {
      const other = dayFile.get(day);
      if (other !== undefined && other !== file.name) throw new OpenCostImportError(file.name, null, `${day} of cluster "${cluster}" is also in ${other}; import one answer per cluster-day`);
      dayFile.set(day, file.name);
    }
    allocations.push(...parsed);
  }
  return allocations;
}

/** The answers of one recorded import, read (or fetched) inside its run; `details` go on the run record. */
export interface OpenCostAnswers {
  files: OpenCostFile[];
  workloadFiles: OpenCostFile[];
  apiRequests?: number;
  details: Record<string, unknown>;
}

/** A recorded run (its rows and days, or the error naming the file, entry and field), then, when it
 *  wrote, the attribution of the days it replaced: the CLI's import and the scheduled pull alike. */
export async function recordOpenCostImport(
  database: Database,
  run: { job: string; source: string },
  cluster: string,
  answers: () => Promise<OpenCostAnswers>,
  attribute: (window: DayWindow) => Promise<RunSummary>,
): Promise<{ run: RunSummary; attribution: RunSummary | null }> {
  const summary = await recordRun(database.db, run, async () => {
    const { files, workloadFiles, apiRequests, details } = await answers();
    const { days, rows, workloads } = await importOpenCost(database.db, cluster, files, workloadFiles).catch((error: unknown) => {
      throw new RunFailure(error, { apiRequests, details });
    });
    const window = days.length === 0 ? undefined : { start: days[0]!, end: addDays(days[days.length - 1]!, 1) };
    return { window, rowsWritten: rows + workloads.rows, apiRequests, details: { cluster, days, workloadDays: workloads.days, ...details } };
  });
  const attribution = summary.status === "succeeded" && summary.window ? await attribute(summary.window) : null;
  return { run: summary, attribution };
}

/** The CLI's import (job "import-opencost") of saved answers. */
export async function importOpenCostCommand(
  database: Database,
  cluster: string | undefined,
  paths: string[],
  attribute: (window: DayWindow) => Promise<RunSummary>,
  workloadPaths: string[] = [],
): Promise<{ run: RunSummary; attribution: RunSummary | null }> {
  if (!cluster) throw new Error("import-opencost needs --cluster NAME: import-opencost --cluster NAME FILE...");
  if (paths.length + workloadPaths.length === 0) throw new Error("import-opencost needs at least one OpenCost /allocation JSON file");
  const read = (list: string[]) => Promise.all(list.map(async (path) => ({ name: path, text: await readFile(path, "utf8") })));
  return recordOpenCostImport(
    database,
    { job: "import-opencost", source: "opencost" },
    cluster,
    async () => ({ files: await read(paths), workloadFiles: await read(workloadPaths), details: { files: paths, workloadFiles: workloadPaths } }),
    attribute,
  );
}
