// Dashboard latency: the API in a child process, each page's endpoint loaded by autocannon
// (20 connections on 127.0.0.1 for a bounded time), and the child's peak RSS (VmHWM).
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { WarmRound } from "../../api/cache-warmer";
import { SERVER_EXEC_ARGV } from "../../api/server-node-flags";

export interface EndpointLatency {
  page: string;
  path: string;
  requests: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** The first request, a read-cache miss: what a read costs right after a sync or an edit. */
  missMs: number;
}

export interface ApiResult {
  endpoints: EndpointLatency[];
  peakRssMb: number;
}

const serverPath = fileURLToPath(new URL("./api-server.ts", import.meta.url));

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Nearest-rank percentile of response times in ms (autocannon's summary has p90 and p97.5, not p95). */
function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function load(url: string, connections: number, seconds: number): Promise<{ result: autocannon.Result; times: number[] }> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds }, (error, result) => (error ? reject(error) : resolve({ result, times })));
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  });
}

const round = (ms: number) => Math.round(ms * 10) / 10;

interface ApiChild {
  child: ChildProcess;
  port: number;
  /** The next warm round the child reports that satisfies `accept`. */
  round(accept: (round: WarmRound) => boolean): Promise<WarmRound>;
}

async function startApi(url: string, warm: boolean): Promise<ApiChild> {
  const child = fork(serverPath, warm ? [url, "--warm"] : [url], { execArgv: SERVER_EXEC_ARGV, stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const rounds: WarmRound[] = [];
  const waiting: Array<() => void> = [];
  child.on("message", (message) => {
    const round = (message as { round?: WarmRound }).round;
    if (round) rounds.push(round);
    for (const wake of waiting.splice(0)) wake();
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.on("message", (message) => (message as { port?: number }).port && resolve((message as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`the API server exited (${code})`)));
  });
  const round = async (accept: (round: WarmRound) => boolean): Promise<WarmRound> => {
    for (;;) {
      const found = rounds.find(accept);
      if (found) return found;
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  return { child, port, round };
}

export interface FirstReads {
  views: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  slowest: string;
  /** How many first reads the cache answered (x-cache: hit). */
  hits: number;
  /** Each view's time, slowest first (saved in the results file, not printed). */
  byView: { view: string; ms: number }[];
}

/** One timed request per view, each its first since the last change. */
async function readEachOnce(port: number, views: string[]): Promise<FirstReads> {
  const timed: { view: string; ms: number }[] = [];
  let hits = 0;
  for (const view of views) {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}${view}`);
    if (!response.ok) throw new Error(`${view}: HTTP ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    timed.push({ view, ms: performance.now() - started });
    if (response.headers.get("x-cache") === "hit") hits++;
  }
  const times = timed.map((t) => t.ms).sort((a, b) => a - b);
  const slowest = timed.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { views: views.length, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(slowest.ms), slowest: slowest.view, hits, byView: timed.map((t) => ({ view: t.view, ms: round(t.ms) })).sort((a, b) => b.ms - a.ms) };
}

export interface FirstReadResult {
  /** A server without the warmer: every default view's first read computes (a cache miss). */
  notWarmed: FirstReads;
  /** The server's warmer after a read-model change: the first reads after its round. */
  warmed: FirstReads & { warmMs: number; warmFailed: number };
}

/**
 * The pages' default views read once each right after a change: by a server that does not warm
 * (what every first reader paid before), and by one that does, after `change` (a read-model
 * version bump, as the end of an attribution commits) and its warm round.
 */
export async function benchmarkFirstReads(url: string, views: string[], change: () => Promise<void>): Promise<FirstReadResult> {
  const cold = await startApi(url, false);
  let notWarmed: FirstReads;
  try {
    await (await fetch(`http://127.0.0.1:${cold.port}/api/job-runs?limit=1`)).arrayBuffer(); // open a connection: not a cached read
    notWarmed = await readEachOnce(cold.port, views);
  } finally {
    cold.child.kill("SIGTERM");
  }
  const warm = await startApi(url, true);
  try {
    const startUp = await warm.round(() => true);
    await change();
    const after = await warm.round((r) => r.version !== startUp.version);
    return { notWarmed, warmed: { ...(await readEachOnce(warm.port, views)), warmMs: after.ms, warmFailed: after.failed } };
  } finally {
    warm.child.kill("SIGTERM");
  }
}

export async function benchmarkApi(url: string, pages: { page: string; path: string }[], options: { connections: number; seconds: number }): Promise<ApiResult> {
  const { child, port } = await startApi(url, false);
  try {
    const endpoints: EndpointLatency[] = [];
    for (const { page, path } of pages) {
      const target = `http://127.0.0.1:${port}${path}`;
      const missStarted = performance.now();
      const warm = await fetch(target); // first request: a read-cache miss (and connection pool, JIT, plan cache)
      if (!warm.ok) throw new Error(`${path}: HTTP ${warm.status} ${await warm.text()}`);
      await warm.arrayBuffer();
      const missMs = performance.now() - missStarted;
      const { result, times } = await load(target, options.connections, options.seconds);
      times.sort((a, b) => a - b);
      endpoints.push({
        page,
        path,
        requests: result.requests.total,
        errors: result.errors + result.non2xx,
        p50Ms: round(percentile(times, 50)),
        p95Ms: round(percentile(times, 95)),
        p99Ms: round(percentile(times, 99)),
        missMs: round(missMs),
      });
    }
    return { endpoints, peakRssMb: peakRssMb(child.pid!) };
  } finally {
    child.kill("SIGTERM");
  }
}
