// The API as the benchmark serves it: the real Hono app on the benchmark database, in its own
// process (so its memory is measured alone), without the dashboard files or the scheduler.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { openDatabase } from "../../db/client";
import { createApp } from "../../api/app";

const url = process.argv[2];
if (!url) throw new Error("usage: api-server.ts <postgres url>");
const database = await openDatabase({ kind: "postgres", url });
const app = createApp(database, "bench");
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  process.send?.({ port: info.port });
});
process.on("SIGTERM", () => {
  server.close();
  void database.close().then(() => process.exit(0));
});
