// Starts the HTTP server on a runtime: API, dashboard, scheduler. Used by main and by the e2e tests.
import { serve, type ServerType } from "@hono/node-server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApi, createApp } from "./app";
import { createReadCache, type ReadCache } from "./read-cache";
import { startCacheWarmer, type CacheWarmer } from "./cache-warmer";
import { DEFAULT_BODY_LIMITS } from "./body-limits";
import { serveWeb } from "./serve-web";
import { startScheduler, type Scheduler } from "../jobs/scheduler";
import type { Runtime } from "../jobs/runtime";
import { configuredDrillDowns } from "../jobs/engines/drill-downs";

export interface RunningServer {
  url: string;
  scheduler: Scheduler;
  readCache: ReadCache;
  /** Warms readCache with the pages' default views after every change (cache-warmer.ts). */
  warmer: CacheWarmer;
  close(): Promise<void>;
}

export async function startServer(runtime: Runtime, options: { port: number; host: string }): Promise<RunningServer> {
  const readCache = createReadCache(runtime.database.db);
  const appOptions = {
    chromiumPath: runtime.config.chromiumPath,
    bodyLimits: { ...DEFAULT_BODY_LIMITS, uploadBytes: runtime.config.uploadMaxBytes, decompressedBytes: runtime.config.uploadMaxDecompressedBytes },
    readCache,
    drillDowns: configuredDrillDowns(runtime.database.db, runtime.config.engine),
  };
  const app = createApp(runtime.database, runtime.source.name, serveWeb, runtime.config.auth, appOptions);
  const warmer = await startCacheWarmer(runtime.database, readCache, createApi(runtime.database, runtime.source.name, runtime.config.auth, appOptions));
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
  });
  // Idle keep-alive connections outlive the client's (fetch keeps them 4 s, a load balancer about 60 s):
  // a server that closes first races a request sent on the closing socket (ECONNRESET), most often
  // after PGlite's queries have held the event loop past both timers.
  const http = server as Server;
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  const { port } = server.address() as AddressInfo;
  const scheduler = startScheduler(runtime);
  return {
    url: `http://localhost:${port}`,
    scheduler,
    readCache,
    warmer,
    close: async () => {
      scheduler.stop();
      await warmer.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
