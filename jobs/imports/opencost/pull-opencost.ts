// The OpenCost APIs of OPENCOST_CLUSTERS, pulled on OPENCOST_CRON (and by `npm run cli -- pull-opencost`):
// per cluster, /allocation for the last OPENCOST_DAYS whole UTC days (one set per day, idle apart,
// OpenCost's own idle sharing off), by OPENCOST_AGGREGATE and by namespace,controller (the workloads),
// checked and stored exactly as import-opencost stores saved answers (those cluster-days replaced),
// then those days re-attributed. One recorded run per cluster, under a lock of its own so several
// instances pull once; a cluster whose API fails does not stop the others.
import { addDays } from "../../../db/calendar";
import type { Database } from "../../../db/client";
import type { OpenCostCluster, OpenCostConfig } from "../../config/opencost-config";
import type { DayWindow } from "../../sync/billing-window";
import { RunFailure, type RunSummary } from "../../sync/job-runs";
import { withJobLock } from "../../sync/abandoned-runs";
import { recordOpenCostImport } from "./import-opencost";

export const OPENCOST_LOCK = "tallyboard:opencost";
/** A month of daily namespace sets is a few megabytes; more than this is not an answer to store. */
const MAX_ANSWER_BYTES = 64 << 20;
const TIMEOUT_MS = 120_000;
/** The workloads' aggregate: a controller's name is unique within its namespace only. */
const WORKLOADS = "namespace,controller";

export interface PulledCluster {
  cluster: string;
  run: RunSummary;
  /** The re-attribution of the days the pull replaced; null when it wrote none. */
  attribution: RunSummary | null;
}

/** Every configured cluster, one after the other; undefined when another instance holds the lock. */
export function pullOpenCost(database: Database, config: OpenCostConfig, attribute: (window: DayWindow) => Promise<RunSummary>, today = new Date().toISOString().slice(0, 10)): Promise<PulledCluster[] | undefined> {
  return withJobLock(database, OPENCOST_LOCK, async () => {
    const pulled: PulledCluster[] = [];
    for (const cluster of config.clusters) pulled.push(await pullCluster(database, cluster, config, attribute, today));
    return pulled;
  });
}

async function pullCluster(database: Database, cluster: OpenCostCluster, config: OpenCostConfig, attribute: (window: DayWindow) => Promise<RunSummary>, today: string): Promise<PulledCluster> {
  const asked = { start: addDays(today, -config.days), end: today };
  const details = { url: cluster.url, aggregate: config.aggregate, asked };
  let apiRequests = 0;
  const answer = (aggregate: string) => {
    apiRequests++;
    return fetchAllocations(cluster, asked, aggregate, config.token).then((text) => [{ name: `OpenCost of ${cluster.name} by ${aggregate}, ${asked.start} to ${asked.end}`, text }]);
  };
  const answers = async () => {
    try {
      return { files: await answer(config.aggregate), workloadFiles: await answer(WORKLOADS), apiRequests, details };
    } catch (error) {
      throw new RunFailure(error, { apiRequests, details }); // a failed run still counts the requests it made
    }
  };
  const pulled = await recordOpenCostImport(database, { job: "opencost-pull", source: `opencost:${cluster.name}` }, cluster.name, answers, attribute);
  return { cluster: cluster.name, ...pulled };
}

/** The /allocation query for whole UTC days [start, end). */
export function allocationUrl(cluster: OpenCostCluster, window: DayWindow, aggregate: string): string {
  const query = new URLSearchParams({ window: `${window.start}T00:00:00Z,${window.end}T00:00:00Z`, aggregate, step: "1d", accumulate: "false", includeIdle: "true", shareIdle: "false" });
  return `${cluster.url}/allocation?${query}`;
}

async function fetchAllocations(cluster: OpenCostCluster, window: DayWindow, aggregate: string, token: string | null): Promise<string> {
  const url = allocationUrl(cluster, window, aggregate);
  const api = `the OpenCost API of cluster "${cluster.name}" (${cluster.url})`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: "application/json", ...(token && { authorization: `Bearer ${token}` }) },
      redirect: "error", // a redirect could carry the token elsewhere
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = error as Error & { cause?: Error };
    throw new Error(`${api} did not answer: ${cause.cause?.message ?? cause.message}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`${api} answered HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.length;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new Error(`${api} answered more than ${MAX_ANSWER_BYTES >> 20} MB; ask for fewer days (OPENCOST_DAYS)`);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
