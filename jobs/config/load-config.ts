// Configuration is read once, here, from the environment; nothing else reads process.env.
import { existsSync } from "node:fs";
import { resolve, join } from "node:path";
import { z } from "zod";
import { Cron } from "croner";
import { AWS_REGIONS } from "./aws-regions";
import { DATASET_FILES } from "../sources/fixtures/dataset";
import type { DatabaseTarget } from "../../db/client";
import { ConfigError } from "./config-error";
import { loadAuthConfig, type AuthConfig } from "./auth-config";
import { loadEngineConfig, type EngineConfig } from "./engine-config";
import { loadOpenCostConfig, type OpenCostConfig } from "./opencost-config";
import { webhookAddressGuard } from "../nudges/webhook-address-guard";

export { ConfigError };

/**
 * Where billing comes from: Cost Explorer + Tagging API, CUR / FOCUS exports only (no Cost Explorer
 * or Tagging call at all), both (exports supersede Cost Explorer for the account-days they cover),
 * or the bundled demo company.
 */
export type DataSource = "cost-explorer" | "exports" | "both" | "demo";

/** What the process is started for: an `import` from the CLI never runs as the demo unless asked. */
export type ConfigPurpose = "serve" | "import";

export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  source: DataSource;
  /** Why this source was chosen, for the start-up banner. */
  sourceReason: string;
  demoDir: string;
  ownershipFile: string | null;
  awsRegions: string[];
  syncCron: string;
  /** A folder or s3://bucket/prefix of CUR / FOCUS exports imported on IMPORT_CRON; null = no scheduled import. */
  importLocation: string | null;
  importCron: string;
  /** When nudges are generated from the synced data and delivered (after the sync on SYNC_CRON). */
  nudgeCron: string;
  /** When reservation / Savings Plans coverage, utilization and recommendations are pulled (daily: AWS refreshes them daily). */
  commitmentsCron: string;
  restatementDays: number;
  historyMonths: number;
  syncRetries: number;
  syncRetryBaseMs: number;
  awsMaxAttempts: number;
  logLevel: string;
  auth: AuthConfig;
  /** Loopback, link-local or private hosts / addresses / CIDR ranges that webhooks may still reach. */
  webhookAllowedHosts: string[];
  /** The Chromium that renders business reviews to PDF (checked when a PDF is asked for, not at start). */
  chromiumPath: string;
  /** The largest file upload, as sent and (gzip) decompressed; JSON bodies have a fixed 1 MB. */
  uploadMaxBytes: number;
  uploadMaxDecompressedBytes: number;
  /** The resource-level pass's engine (PASS_ENGINE, engine-config.ts). */
  engine: EngineConfig;
  /** The OpenCost APIs pulled on a schedule (OPENCOST_CLUSTERS, opencost-config.ts); null = none. */
  opencost: OpenCostConfig | null;
}

const awsCredentialVariables = [
  "AWS_ACCESS_KEY_ID",
  "AWS_PROFILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
];

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  PORT: int(1, 65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  // "aws" is the earlier name: Cost Explorer, plus the exports of IMPORT_LOCATION when it is set.
  TALLYBOARD_SOURCE: z.enum(["auto", "cost-explorer", "exports", "both", "demo", "aws"]).default("auto"),
  DEMO_DIR: z.string().min(1).default("fixtures/demo"),
  OWNERSHIP_FILE: z.string().min(1).optional(),
  AWS_REGIONS: z.string().default("us-east-1"),
  SYNC_CRON: z.string().default("15 */6 * * *"),
  IMPORT_LOCATION: z.string().optional(),
  IMPORT_CRON: z.string().default("45 */6 * * *"),
  NUDGE_CRON: z.string().default("30 1-23/6 * * *"),
  COMMITMENTS_CRON: z.string().default("40 4 * * *"),
  RESTATEMENT_DAYS: int(1, 60).default(5),
  HISTORY_MONTHS: int(1, 13).default(13),
  SYNC_RETRIES: int(0, 10).default(3),
  SYNC_RETRY_BASE_MS: int(0, 600_000).default(5_000),
  AWS_MAX_ATTEMPTS: int(1, 20).default(5),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  WEBHOOK_ALLOWED_HOSTS: z.string().default(""),
  UPLOAD_MAX_MB: int(1, 100_000).default(256),
  UPLOAD_MAX_DECOMPRESSED_MB: int(1, 1_000_000).default(4096),
});

/** Parses and checks every setting; the first problem becomes one ConfigError naming the setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), purpose: ConfigPurpose = "serve"): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  const e = parsed.data;
  const demoDir = resolve(cwd, e.DEMO_DIR);
  const hasAwsCredentials = awsCredentialVariables.some((name) => Boolean(env[name]));
  const importLocation = parseImportLocation(e.IMPORT_LOCATION, cwd);
  const { source, reason: sourceReason } = chooseSource(e.TALLYBOARD_SOURCE, { hasAwsCredentials, importLocation, ownershipFile: Boolean(e.OWNERSHIP_FILE), purpose });
  if (source === "demo") {
    const missing = DATASET_FILES.find((file) => !existsSync(join(demoDir, file)));
    if (missing) throw new ConfigError("DEMO_DIR", `the demo fixture ${join(demoDir, missing)} is missing`);
  }
  const ownershipFile = e.OWNERSHIP_FILE
    ? resolve(cwd, e.OWNERSHIP_FILE)
    : source === "demo"
      ? join(demoDir, "ownership.yaml")
      : null;
  if (ownershipFile && !existsSync(ownershipFile)) {
    throw new ConfigError(e.OWNERSHIP_FILE ? "OWNERSHIP_FILE" : "DEMO_DIR", `${ownershipFile} does not exist`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: "postgres", url: parseDatabaseUrl(e.DATABASE_URL) } : { kind: "pglite", dataDir: resolve(cwd, e.DATA_DIR, "pglite") },
    source,
    sourceReason,
    demoDir,
    ownershipFile,
    awsRegions: parseRegions(e.AWS_REGIONS),
    syncCron: parseCron("SYNC_CRON", e.SYNC_CRON),
    importLocation,
    importCron: parseCron("IMPORT_CRON", e.IMPORT_CRON),
    nudgeCron: parseCron("NUDGE_CRON", e.NUDGE_CRON),
    commitmentsCron: parseCron("COMMITMENTS_CRON", e.COMMITMENTS_CRON),
    restatementDays: e.RESTATEMENT_DAYS,
    historyMonths: e.HISTORY_MONTHS,
    syncRetries: e.SYNC_RETRIES,
    syncRetryBaseMs: e.SYNC_RETRY_BASE_MS,
    awsMaxAttempts: e.AWS_MAX_ATTEMPTS,
    logLevel: e.LOG_LEVEL,
    auth: loadAuthConfig(env, { host: e.HOST, demo: source === "demo" }),
    chromiumPath: e.CHROMIUM_PATH,
    webhookAllowedHosts: parseWebhookAllowedHosts(e.WEBHOOK_ALLOWED_HOSTS),
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    uploadMaxDecompressedBytes: e.UPLOAD_MAX_DECOMPRESSED_MB * 1024 * 1024,
    engine: loadEngineConfig(env, parseRegions(e.AWS_REGIONS)[0]!),
    opencost: loadOpenCostConfig(env),
  };
}

type SourceSetting = z.infer<typeof envSchema>["TALLYBOARD_SOURCE"];

/**
 * The source asked for, or (auto) the one the environment points to: AWS credentials -> Cost
 * Explorer (and the exports of IMPORT_LOCATION); none, but a company's own IMPORT_LOCATION or
 * OWNERSHIP_FILE, or a CLI import -> exports only; nothing at all -> the demo.
 */
function chooseSource(
  setting: SourceSetting,
  env: { hasAwsCredentials: boolean; importLocation: string | null; ownershipFile: boolean; purpose: ConfigPurpose },
): { source: DataSource; reason: string } {
  const awsWith = (location: string | null): DataSource => (location ? "both" : "cost-explorer");
  if (setting === "cost-explorer" && env.importLocation) throw new ConfigError("IMPORT_LOCATION", "is set but TALLYBOARD_SOURCE=cost-explorer reads no exports: use TALLYBOARD_SOURCE=both");
  if (setting === "both" && !env.importLocation) throw new ConfigError("IMPORT_LOCATION", "is needed with TALLYBOARD_SOURCE=both (the exports' folder or s3://bucket/prefix)");
  if (setting === "aws") return { source: awsWith(env.importLocation), reason: "TALLYBOARD_SOURCE" };
  if (setting !== "auto") return { source: setting, reason: "TALLYBOARD_SOURCE" };
  if (env.hasAwsCredentials) return { source: awsWith(env.importLocation), reason: "AWS credentials found" };
  if (env.importLocation || env.ownershipFile) return { source: "exports", reason: "no AWS credentials, a company's IMPORT_LOCATION / OWNERSHIP_FILE" };
  if (env.purpose === "import") return { source: "exports", reason: "an import without AWS credentials" };
  return { source: "demo", reason: "no AWS credentials" };
}

function parseWebhookAllowedHosts(value: string): string[] {
  const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
  try {
    webhookAddressGuard(entries);
  } catch (error) {
    throw new ConfigError("WEBHOOK_ALLOWED_HOSTS", (error as Error).message);
  }
  return entries;
}

function parseDatabaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError("DATABASE_URL", "is not a URL (expected postgres://user@host:5432/database)");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError("DATABASE_URL", `must start with postgres:// or postgresql://, not ${url.protocol}//`);
  }
  if (!url.hostname || url.pathname.length <= 1) {
    throw new ConfigError("DATABASE_URL", "must name a host and a database (postgres://user@host:5432/database)");
  }
  return value;
}

function parseRegions(value: string): string[] {
  const regions = value.split(",").map((region) => region.trim()).filter(Boolean);
  if (regions.length === 0) throw new ConfigError("AWS_REGIONS", "names no region");
  const unknown = regions.find((region) => !(AWS_REGIONS as readonly string[]).includes(region));
  if (unknown) throw new ConfigError("AWS_REGIONS", `unknown region "${unknown}"`);
  return regions;
}

function parseCron(setting: string, value: string): string {
  try {
    new Cron(value, { paused: true }).stop();
  } catch (error) {
    throw new ConfigError(setting, `not a cron pattern (${(error as Error).message})`);
  }
  return value;
}

/** An S3 prefix (s3://bucket/prefix) as given, or a local file or folder that exists, made absolute. */
function parseImportLocation(value: string | undefined, cwd: string): string | null {
  const location = value?.trim();
  if (!location) return null;
  if (location.startsWith("s3://")) {
    if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(location)) throw new ConfigError("IMPORT_LOCATION", `"${location}" is not s3://bucket/prefix`);
    return location;
  }
  const path = resolve(cwd, location);
  if (!existsSync(path)) throw new ConfigError("IMPORT_LOCATION", `${path} does not exist (give a folder, a file or s3://bucket/prefix)`);
  return path;
}
