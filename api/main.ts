// npm start: one process serving the API and dashboard and running the scheduled jobs.
import { loadConfig, ConfigError } from "../jobs/config/load-config";
import { configureLogger, logger } from "../jobs/logger";
import { openRuntime } from "../jobs/runtime";
import { startServer } from "./server";
import { missingServerFlags } from "./server-node-flags";
import { countActiveUsers } from "../db/queries/access-users";
import type { AuthConfig } from "../jobs/config/auth-config";

function describeAuth(auth: AuthConfig): string {
  if (auth.mode === "open") return "OPEN: no sign-in, everyone is an admin (the demo)";
  if (auth.mode === "proxy") return `single sign-on headers (${auth.proxy!.userHeader}) from the trusted proxy`;
  return "local users and passwords";
}

async function main() {
  const config = loadConfig();
  configureLogger(config.logLevel);
  const runtime = await openRuntime(config);
  const server = await startServer(runtime, { port: config.port, host: config.host });
  console.log(
    [
      `Tallyboard is running at ${server.url}`,
      `  database: ${runtime.database.description}`,
      `  data source: ${runtime.source.description} (${config.sourceReason})`,
      `  sync schedule: ${config.syncCron}`,
      `  sign-in: ${describeAuth(config.auth)} (${config.auth.reason})`,
    ].join("\n"),
  );
  const missing = missingServerFlags();
  if (missing.length > 0) console.log(`  memory: started without node ${missing.join(" ")} (npm start passes it): under load the peak memory may be about twice what it is with it`);
  if (config.auth.mode === "local" && (await countActiveUsers(runtime.database.db)) === 0)
    console.log("  no users yet: add the first admin with\n    npm run cli -- users add --email you@company.com --role admin   (password on standard input)");
  const shutdown = async () => {
    await server.close();
    await runtime.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    logger("main").fatal({ err: { name: (error as Error).name, message: (error as Error).message } }, "start-up failed");
    console.error(`Tallyboard could not start: ${(error as Error).message}`);
  }
  process.exit(1);
});
