// Fills this process's read cache with the dashboard's default views (default-views.ts) whenever
// the read-model version changes, so the first reader after a sync, an import or an edit is
// answered from memory. It hears of a change three ways: the NOTIFY every bump sends at its commit
// (db/read-model-version.ts), a poll of the version (a fallback for a dropped listen connection,
// and for the UTC day turning, which the cache key also holds), and the cache being emptied by a
// write through this app. Views are computed one after another through the cache's own middleware
// (single-flight: a reader asking for a view being warmed waits for it), never past a newer version.
import { Hono } from "hono";
import type { Database } from "../db/client";
import { getReadModelVersion, READ_MODEL_CHANNEL } from "../db/read-model-version";
import { logger } from "../jobs/logger";
import { defaultViews } from "./default-views";
import type { ReadCache } from "./read-cache";

export interface WarmRound {
  version: string;
  views: number;
  failed: number;
  ms: number;
}

export interface CacheWarmer {
  /** Resolves once no round is running or due. */
  idle(): Promise<void>;
  /** Asks for a round (coalesced with any already due). */
  request(): void;
  lastRound(): WarmRound | null;
  stop(): Promise<void>;
}

export interface CacheWarmerOptions {
  /** How often to read the version as a fallback to NOTIFY. */
  pollMs?: number;
  /** Wait this long after a trigger so a burst of commits warms once. */
  debounceMs?: number;
  /** Told of each finished round (the benchmark times them). */
  onRound?: (round: WarmRound) => void;
}

const log = logger("cache-warmer");
const today = () => new Date().toISOString().slice(0, 10);

/** `api` is the API's routes without authentication (createApi): the warmer asks as the server itself. */
export async function startCacheWarmer(database: Database, cache: ReadCache, api: Hono, options: CacheWarmerOptions = {}): Promise<CacheWarmer> {
  const pollMs = options.pollMs ?? 5_000;
  const debounceMs = options.debounceMs ?? 100;
  const internal = new Hono();
  internal.use("/api/*", cache.middleware);
  internal.route("/api", api);

  let warmed: { version: string; day: string } | null = null;
  let last: WarmRound | null = null;
  let due = false;
  let running: Promise<void> | null = null;
  let stopped = false;

  const round = async () => {
    const started = performance.now();
    const version = await getReadModelVersion(database.db);
    cache.keepOnly(version); // older versions' answers can never be asked for again
    const day = today();
    let failed = 0;
    const views = await defaultViews(database.db);
    for (const view of views) {
      if (stopped || due) return; // a newer change came in: start over rather than warm the old one
      if ((await getReadModelVersion(database.db)) !== version) return request(); // changed, NOTIFY not (yet) heard
      const response = await internal.request(view);
      await response.arrayBuffer();
      if (response.status !== 200) failed++;
    }
    warmed = { version, day };
    last = { version, views: views.length, failed, ms: Math.round(performance.now() - started) };
    log.debug(last, "read cache warmed");
    options.onRound?.(last);
  };
  const loop = async () => {
    while (due && !stopped) {
      await new Promise((resolve) => setTimeout(resolve, debounceMs));
      due = false;
      try {
        await round();
      } catch (error) {
        if (!stopped) log.warn({ error: (error as Error).message }, "warming the read cache failed; the next change tries again");
      }
    }
  };
  const request = () => {
    if (stopped) return;
    due = true;
    running ??= loop().finally(() => (running = null));
  };

  cache.onClear(request);
  const unlisten = await database.listen(READ_MODEL_CHANNEL, request);
  const poll = setInterval(() => {
    if (running) return;
    getReadModelVersion(database.db)
      .then((version) => {
        if (!warmed || warmed.version !== version || warmed.day !== today()) request();
      })
      .catch(() => {}); // the next tick tries again
  }, pollMs);
  poll.unref();
  request(); // at start-up: the cache is empty

  return {
    idle: async () => {
      while (running) await running;
    },
    request,
    lastRound: () => last,
    stop: async () => {
      stopped = true;
      clearInterval(poll);
      await running;
      await unlisten().catch(() => {});
    },
  };
}
