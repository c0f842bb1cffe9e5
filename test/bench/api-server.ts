// The API as the benchmark serves it: the real Hono app on the benchmark database, in its own
// process (so its memory is measured alone), without the dashboard files or the scheduler; with
// `--warm`, the server's cache warmer too, each finished round sent to the parent.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { openDatabase } from "../../db/client";
import { createApi, createApp } from "../../api/app";
import { createReadCache } from "../../api/read-cache";
import { startCacheWarmer } from "../../api/cache-warmer";

const [url, flag] = process.argv.slice(2);
if (!url) throw new Error("usage: api-server.ts <postgres url> [--warm]");
const database = await openDatabase({ kind: "postgres", url });
const readCache = createReadCache(database.db);
const options = { chromiumPath: "/usr/bin/chromium", readCache };
const app = createApp(database, "bench", undefined, undefined, options);
const warmer = flag === "--warm" ? await startCacheWarmer(database, readCache, createApi(database, "bench", undefined, options), { onRound: (round) => process.send?.({ round }) }) : null;
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  process.send?.({ port: info.port });
});
process.on("SIGTERM", () => {
  server.close();
  void (warmer?.stop() ?? Promise.resolve()).then(() => database.close()).then(() => process.exit(0));
});
