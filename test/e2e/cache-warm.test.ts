// The real server (needs the built dashboard: npm run test:e2e builds it) (startServer: app, scheduler, cache warmer) on an ephemeral port: an import
// uploaded over HTTP is followed by a warmed cache, so the first read of each page's default view
// after it is a hit.
import { mkdtempSync, readFileSync } from "node:fs";
import { Agent, get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../jobs/config/load-config";
import { openRuntime, type Runtime } from "../../jobs/runtime";
import { startServer, type RunningServer } from "../../api/server";
import { defaultViews } from "../../api/default-views";
import { getReadModelVersion } from "../../db/read-model-version";
import { warmedCurrentVersion } from "../support/warm-cache";

let runtime: Runtime;
let server: RunningServer;

beforeAll(async () => {
  const config = loadConfig({ TALLYBOARD_SOURCE: "demo", DATA_DIR: mkdtempSync(join(tmpdir(), "tallyboard-cache-warm-")), LOG_LEVEL: "silent" }, process.cwd());
  runtime = await openRuntime(config);
  server = await startServer(runtime, { port: 0, host: "127.0.0.1" });
  await server.scheduler.initialSync;
}, 300_000);

afterAll(async () => {
  await server?.close();
  await runtime?.close();
});

it("after an import over HTTP, the first read of every default view is a cache hit", async () => {
  const before = await getReadModelVersion(runtime.database.db);
  const imported = await fetch(`${server.url}/api/imports?fileName=focus.csv&format=focus`, { method: "POST", body: readFileSync("fixtures/samples/focus-1.0-sample.csv") });
  expect(imported.status, await imported.clone().text()).toBe(201);
  const version = await warmedCurrentVersion(server.warmer, runtime.database.db);
  expect(version).not.toBe(before);

  const views = await defaultViews(runtime.database.db);
  const { hits, misses } = server.readCache.stats();
  for (const view of views) {
    const response = await fetch(`${server.url}${view}`);
    expect(response.status, view).toBe(200);
    expect(response.headers.get("x-cache"), view).toBe("hit");
    await response.arrayBuffer();
  }
  expect(server.readCache.stats()).toMatchObject({ hits: hits + views.length, misses });
}, 300_000);

it("keeps an idle keep-alive connection past the 5 s (plus 1 s of grace) Node closes it at, so a request sent on it is not reset", async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets: unknown[] = [];
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const request = httpGet(`${server.url}/api/health`, { agent }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      request.on("socket", (socket) => sockets.push(socket));
      request.on("error", reject);
    });
  try {
    expect(await get()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await get()).toBe(200);
    expect(sockets[1] === sockets[0], "the second request went on the first connection").toBe(true);
  } finally {
    agent.destroy();
  }
}, 30_000);
