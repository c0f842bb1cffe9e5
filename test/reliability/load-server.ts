// The API for the load test in its own process: the real app under local sign-in (every request
// pays for the session lookup), on the load test's database, without the dashboard or scheduler.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { openDatabase } from "../../db/client";
import { createApp } from "../../api/app";
import { OPEN_AUTH } from "../../jobs/config/auth-config";
import { configureLogger } from "../../jobs/logger";

const url = process.argv[2];
if (!url) throw new Error("usage: load-server.ts <postgres url>");
configureLogger("warn");
const database = await openDatabase({ kind: "postgres", url });
const app = createApp(database, "load", undefined, { ...OPEN_AUTH, mode: "local", reason: "load test" });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => process.send?.({ port: info.port }));
process.on("SIGTERM", () => {
  server.close();
  void database.close().then(() => process.exit(0));
});
