// The HTTP API (and, in production, the built dashboard) as one Hono app.
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Database } from "../db/client";
import { handleError, notFound } from "./errors";
import { DEFAULT_BODY_LIMITS, limitBodies, type BodyLimits } from "./body-limits";
import { createReadCache, type ReadCache } from "./read-cache";
import { healthRoutes } from "./routes/health";
import { overviewRoutes } from "./routes/overview";
import { teamRoutes } from "./routes/teams";
import { jobRunRoutes } from "./routes/job-runs";
import { importRoutes } from "./routes/imports";
import { ownershipRoutes } from "./routes/ownership";
import { clusterRoutes } from "./routes/clusters";
import { whyRoutes } from "./routes/why";
import { orgRoutes } from "./routes/org";
import { metricsRoutes } from "./routes/metrics";
import { businessRoutes } from "./routes/business";
import { budgetRoutes } from "./routes/budgets";
import { nudgeRoutes } from "./routes/nudges";
import { leaderboardRoutes } from "./routes/leaderboards";
import { authRoutes, meRoutes } from "./routes/auth";
import { tokenRoutes } from "./routes/tokens";
import { userRoutes } from "./routes/users";
import { auditRoutes } from "./routes/audit";
import { authenticate } from "./auth/authenticate";
import { authorize } from "./auth/policy";
import { rejectCrossSite } from "./auth/csrf";
import { OPEN_AUTH, type AuthConfig } from "../jobs/config/auth-config";
import { commitmentRoutes } from "./routes/commitments";
import { openApiRoutes } from "./routes/openapi";

/**
 * The dashboard runs under this policy: its own scripts and styles only (Recharts sets inline
 * style attributes, hence 'unsafe-inline' for styles but never for scripts), no framing, no plugins.
 */
const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:", "blob:"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", "data:"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

import { reviewRoutes } from "./routes/reviews";
import type { DrillDowns } from "../jobs/engines/drill-downs";
import { estimateRoutes } from "./routes/estimates";

export interface AppOptions {
  /** The Chromium that prints business reviews to PDF. */
  chromiumPath: string;
  bodyLimits?: BodyLimits;
  /** The response cache to use (the server shares it with its cache warmer); a new one otherwise. */
  readCache?: ReadCache;
  /** Single-line drill-downs asked of the pass's engine (PASS_ENGINE duckdb or athena); none on the PostgreSQL path. */
  drillDowns?: DrillDowns | null;
}
const DEFAULT_OPTIONS: AppOptions = { chromiumPath: "/usr/bin/chromium" };

export function createApi(database: Database, sourceName: string, auth: AuthConfig = OPEN_AUTH, options: AppOptions = DEFAULT_OPTIONS) {
  const api = new Hono()
    .route("/me", meRoutes(auth))
    .route("/auth", authRoutes(database.db, auth))
    .route("/tokens", tokenRoutes(database.db))
    .route("/users", userRoutes(database.db))
    .route("/audit", auditRoutes(database.db))
    .route("/health", healthRoutes(database, sourceName))
    .route("/overview", overviewRoutes(database.db))
    .route("/teams", teamRoutes(database.db))
    .route("/job-runs", jobRunRoutes(database.db))
    .route("/imports", importRoutes(database, options.bodyLimits ?? DEFAULT_BODY_LIMITS, { resourcesFromExports: sourceName === "exports" }))
    .route("/ownership", ownershipRoutes(database, sourceName, options.drillDowns ?? null))
    .route("/why", whyRoutes(database.db, options.drillDowns ?? null))
    .route("/clusters", clusterRoutes(database.db))
    .route("/org", orgRoutes(database.db))
    .route("/metrics", metricsRoutes(database.db))
    .route("/business", businessRoutes(database.db))
    .route("/nudges", nudgeRoutes(database.db))
    .route("/budgets", budgetRoutes(database.db))
    .route("/reviews", reviewRoutes(database.db, options))
    .route("/estimates", estimateRoutes(database.db))
    .route("/commitments", commitmentRoutes(database.db))
    .route("/", leaderboardRoutes(database.db));
  api.notFound(notFound);
  // Not in the chain (and so not in ApiType): the document reads the chain's routes.
  api.route("/openapi.json", openApiRoutes(() => api.routes, "/api"));
  return api;
}

export type ApiType = ReturnType<typeof createApi>;

/** The app; `auth` defaults to open access (the demo), which only the configuration can choose for a server. */
export function createApp(database: Database, sourceName: string, web?: (app: Hono) => void, auth: AuthConfig = OPEN_AUTH, options: AppOptions = DEFAULT_OPTIONS) {
  const app = new Hono();
  app.use(requestId());
  app.use(secureHeaders({ contentSecurityPolicy, referrerPolicy: "same-origin" }));
  app.onError(handleError);
  app.use("/api/*", limitBodies(options.bodyLimits ?? DEFAULT_BODY_LIMITS)); // before anything reads a body
  // Identify, then authorize (auth/policy.ts), before anything answers, the read cache included.
  app.use("/api/*", rejectCrossSite, authenticate(database.db, auth), authorize(database.db));
  app.use("/api/*", (options.readCache ?? createReadCache(database.db)).middleware); // see read-cache.ts: keyed by the read-model version
  app.route("/api", createApi(database, sourceName, auth, options));
  app.all("/api/*", notFound);
  web?.(app);
  app.notFound(notFound);
  return app;
}
