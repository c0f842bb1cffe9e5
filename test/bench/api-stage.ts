// Dashboard latency: the API in a child process, each page's endpoint loaded by autocannon
// (20 connections on 127.0.0.1 for a bounded time), and the child's peak RSS (VmHWM).
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

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

export async function benchmarkApi(url: string, pages: { page: string; path: string }[], options: { connections: number; seconds: number }): Promise<ApiResult> {
  const child = fork(serverPath, [url], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once("message", (message) => resolve((message as { port: number }).port));
      child.once("exit", (code) => reject(new Error(`the API server exited (${code})`)));
    });
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
