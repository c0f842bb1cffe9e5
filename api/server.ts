// Starts the HTTP server on a runtime: API, dashboard, scheduler. Used by main and by the e2e tests.
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "./app";
import { DEFAULT_BODY_LIMITS } from "./body-limits";
import { serveWeb } from "./serve-web";
import { startScheduler, type Scheduler } from "../jobs/scheduler";
import type { Runtime } from "../jobs/runtime";

export interface RunningServer {
  url: string;
  scheduler: Scheduler;
  close(): Promise<void>;
}

export async function startServer(runtime: Runtime, options: { port: number; host: string }): Promise<RunningServer> {
  const app = createApp(runtime.database, runtime.source.name, serveWeb, runtime.config.auth, {
    chromiumPath: runtime.config.chromiumPath,
    bodyLimits: { ...DEFAULT_BODY_LIMITS, uploadBytes: runtime.config.uploadMaxBytes, decompressedBytes: runtime.config.uploadMaxDecompressedBytes },
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const scheduler = startScheduler(runtime);
  return {
    url: `http://localhost:${port}`,
    scheduler,
    close: async () => {
      scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
