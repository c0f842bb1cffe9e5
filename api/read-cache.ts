// A per-process response cache for the dashboard's GET reads. An entry is keyed by the path, the
// sorted query, the UTC day (some reads default their range to "today") and the read-model version
// (db/read-model-version.ts), which every transaction that changes a read model bumps at commit: a
// sync, an import or a backfill in another process invalidates it as surely as an edit here. Each
// request reads the version once (one primary-key select); a hit answers from memory.
// Only 200 JSON answers are kept; bounded by entries and bytes, least recently used first out.
// A successful change by a signed-in identity through this app also empties it (belt and braces for
// writes a route might make outside a bumping transaction); a refused or failed request, a sign-in
// attempt included, does not, so anonymous POSTs cannot keep every read uncached.
// Single-flight: requests for a key being computed wait for that one computation (x-cache: shared)
// instead of each running the same queries; the cache warmer (cache-warmer.ts) fills it the same way.
import type { MiddlewareHandler } from "hono";
import type { DbOrTx } from "../db/client";
import { getReadModelVersion } from "../db/read-model-version";
import { identityOf } from "./auth/identity";

/** The reads worth caching, as paths under /api. Health, job runs, nudges and downloads stay live. */
export const CACHED_READS = [
  "/overview",
  "/teams",
  "/org",
  "/why",
  "/ownership/summary",
  "/ownership/rules",
  "/ownership/audit",
  "/metrics/efficiency",
  "/metrics/teams",
  "/metrics/revenue",
  "/metrics/environments",
  "/metrics/operating-mode",
  "/metrics/calculator",
  "/budgets/review",
  "/budgets/movers",
  "/budgets/months",
  "/budgets/audit",
  "/reviews",
  "/leaderboard",
  "/wins",
] as const;

export interface ReadCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** The "/api" prefix the app mounts the API under. */
  prefix?: string;
}

interface Entry {
  body: string;
  contentType: string;
  bytes: number;
}

export interface ReadCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  /** Requests that waited for another request's computation of the same key. */
  shared: number;
  /** Requests waiting for such a computation now. */
  waiting: number;
}

export interface ReadCache {
  middleware: MiddlewareHandler;
  stats(): ReadCacheStats;
  clear(): void;
  /** Drops entries of other read-model versions (they can never hit again). */
  keepOnly(version: string): void;
  /** Called after clear() (a write through the app): the warmer fills the cache again. */
  onClear(listener: () => void): void;
}

export function cacheKey(path: string, search: URLSearchParams, version: string, day: string): string {
  const query = [...search.entries()].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return `${version}|${day}|${path}?${new URLSearchParams(query).toString()}`;
}

export function createReadCache(db: DbOrTx, options: ReadCacheOptions = {}): ReadCache {
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
  const prefix = options.prefix ?? "/api";
  const entries = new Map<string, Entry>(); // insertion order = recency (a hit re-inserts)
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  let shared = 0;
  let waiting = 0;
  let generation = 0; // bumped by clear(): an answer computed across a clear is not kept
  const inflight = new Map<string, Promise<Entry | undefined>>(); // single-flight, by key
  const clearListeners: Array<() => void> = [];

  const clear = () => {
    entries.clear();
    bytes = 0;
    generation++;
    for (const listener of clearListeners) listener();
  };
  const keepOnly = (version: string) => {
    for (const [key, entry] of entries) {
      if (key.startsWith(`${version}|`)) continue;
      entries.delete(key);
      bytes -= entry.bytes;
    }
  };
  const evict = () => {
    for (const [key, entry] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(key);
      bytes -= entry.bytes;
    }
  };
  const cacheable = (path: string) => {
    if (!path.startsWith(prefix)) return false;
    const rest = path.slice(prefix.length);
    return CACHED_READS.some((read) => rest === read || rest.startsWith(`${read}/`));
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const method = c.req.method;
    if (method !== "GET") {
      await next();
      if (method !== "HEAD" && method !== "OPTIONS" && identityOf(c) && !c.error && c.res.status < 400) clear();
      return;
    }
    const url = new URL(c.req.url);
    if (!cacheable(url.pathname)) return next();
    const started = generation;
    const key = cacheKey(url.pathname, url.searchParams, await getReadModelVersion(db), new Date().toISOString().slice(0, 10));
    const hit = entries.get(key);
    if (hit) {
      hits++;
      entries.delete(key);
      entries.set(key, hit);
      c.header("x-cache", "hit");
      return c.body(hit.body, 200, { "content-type": hit.contentType });
    }
    const pending = inflight.get(key);
    if (pending) {
      waiting++;
      const computed = await pending.finally(() => waiting--);
      if (computed) {
        shared++;
        c.header("x-cache", "shared");
        return c.body(computed.body, 200, { "content-type": computed.contentType });
      } // that computation failed or was not kept: compute again below
    }
    misses++;
    let settle: (entry: Entry | undefined) => void = () => {};
    const computing = new Promise<Entry | undefined>((resolve) => (settle = resolve));
    const mine = !inflight.has(key);
    if (mine) inflight.set(key, computing);
    let entry: Entry | undefined;
    try {
      await next();
      const res = c.res;
      const contentType = res.headers.get("content-type") ?? "";
      if (res.status !== 200 || !contentType.startsWith("application/json") || c.error) return;
      const body = await res.clone().text();
      const size = Buffer.byteLength(body) + key.length;
      if (generation !== started || size > maxBytes) return;
      entry = { body, contentType, bytes: size };
      const previous = entries.get(key);
      if (previous) bytes -= previous.bytes;
      entries.set(key, entry);
      bytes += size;
      evict();
      c.res.headers.set("x-cache", "miss");
    } finally {
      if (mine) inflight.delete(key);
      settle(entry);
    }
  };

  return {
    middleware,
    stats: () => ({ entries: entries.size, bytes, hits, misses, shared, waiting }),
    clear,
    keepOnly,
    onClear: (listener) => void clearListeners.push(listener),
  };
}
