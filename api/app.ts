// The HTTP API (and, in production, the built dashboard) as one Hono app.
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Database } from "../db/client";
import { handleError, notFound } from "./errors";
import { createReadCache } from "./read-cache";
import { healthRoutes } from "./routes/health";
import { overviewRoutes } from "./routes/overview";
import { teamRoutes } from "./routes/teams";
import { jobRunRoutes } from "./routes/job-runs";
import { importRoutes } from "./routes/imports";
import { ownershipRoutes } from "./routes/ownership";
import { whyRoutes } from "./routes/why";
import { orgRoutes } from "./routes/org";
import { metricsRoutes } from "./routes/metrics";
import { businessRoutes } from "./routes/business";
import { budgetRoutes } from "./routes/budgets";
import { nudgeRoutes } from "./routes/nudges";
import { leaderboardRoutes } from "./routes/leaderboards";
import { commitmentRoutes } from "./routes/commitments";

export function createApi(database: Database, sourceName: string) {
  const api = new Hono()
    .route("/health", healthRoutes(database, sourceName))
    .route("/overview", overviewRoutes(database.db))
    .route("/teams", teamRoutes(database.db))
    .route("/job-runs", jobRunRoutes(database.db))
    .route("/imports", importRoutes(database))
    .route("/ownership", ownershipRoutes(database, sourceName))
    .route("/why", whyRoutes(database.db))
    .route("/org", orgRoutes(database.db))
    .route("/metrics", metricsRoutes(database.db))
    .route("/business", businessRoutes(database.db))
    .route("/nudges", nudgeRoutes(database.db))
    .route("/budgets", budgetRoutes(database.db))
    .route("/commitments", commitmentRoutes(database.db))
    .route("/", leaderboardRoutes(database.db));
  api.notFound(notFound);
  return api;
}

export type ApiType = ReturnType<typeof createApi>;

export function createApp(database: Database, sourceName: string, web?: (app: Hono) => void) {
  const app = new Hono();
  app.use(requestId());
  app.use(secureHeaders());
  app.onError(handleError);
  app.use("/api/*", createReadCache(database.db).middleware); // see read-cache.ts: keyed by the read-model version
  app.route("/api", createApi(database, sourceName));
  app.all("/api/*", notFound);
  web?.(app);
  app.notFound(notFound);
  return app;
}
