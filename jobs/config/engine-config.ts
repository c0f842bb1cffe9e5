// Which engine runs the resource-level pass (jobs/engines/), read with the rest of the configuration:
// PostgreSQL (the default: the import reads every line into PostgreSQL), DuckDB over local export
// files, or Athena over the export's table in the Glue catalog (then its table and where results go).
import { z } from "zod";
import { ConfigError } from "./config-error";

export interface AthenaConfig {
  workgroup: string;
  database: string;
  table: string;
  /** s3://bucket/prefix/ for query results; null when the workgroup enforces its own. */
  outputLocation: string | null;
  /** How the table is partitioned by billing period: the CUR Athena integration's year/month, or CUR 2.0's billing_period. */
  partitions: "year-month" | "billing_period";
  /** A query still running after this long is stopped and reported. */
  timeoutMs: number;
  /** Dollars per TB scanned, for the cost recorded on the run. */
  pricePerTb: string;
  region: string;
  /** Another endpoint (tests point this at test/fake-athena). */
  endpoint: string | null;
}

export interface EngineConfig {
  name: "postgres" | "duckdb" | "athena";
  athena: AthenaConfig | null;
}

const engineEnv = z.object({
  PASS_ENGINE: z.enum(["postgres", "duckdb", "athena"]).default("postgres"),
  ATHENA_WORKGROUP: z.string().min(1).default("primary"),
  ATHENA_DATABASE: z.string().regex(/^[A-Za-z0-9_]+$/, "expected a Glue database name (letters, digits, _)").optional(),
  ATHENA_TABLE: z.string().regex(/^[A-Za-z0-9_]+$/, "expected a Glue table name (letters, digits, _)").optional(),
  ATHENA_OUTPUT_LOCATION: z.string().regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, "expected s3://bucket/prefix/").optional(),
  ATHENA_PARTITIONS: z.enum(["year-month", "billing_period"]).default("year-month"),
  ATHENA_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(1800),
  ATHENA_PRICE_PER_TB: z.string().regex(/^\d+(\.\d+)?$/, "expected dollars, e.g. 5").default("5"),
  ATHENA_REGION: z.string().min(1).optional(),
  ATHENA_ENDPOINT: z.string().url().optional(),
});

export function loadEngineConfig(env: NodeJS.ProcessEnv, defaultRegion: string): EngineConfig {
  const parsed = engineEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  const e = parsed.data;
  if (e.PASS_ENGINE !== "athena") return { name: e.PASS_ENGINE, athena: null };
  if (!e.ATHENA_DATABASE) throw new ConfigError("ATHENA_DATABASE", "is needed with PASS_ENGINE=athena (the Glue database of the export's table)");
  if (!e.ATHENA_TABLE) throw new ConfigError("ATHENA_TABLE", "is needed with PASS_ENGINE=athena (the export's table)");
  return {
    name: "athena",
    athena: {
      workgroup: e.ATHENA_WORKGROUP, database: e.ATHENA_DATABASE, table: e.ATHENA_TABLE, outputLocation: e.ATHENA_OUTPUT_LOCATION ?? null,
      partitions: e.ATHENA_PARTITIONS, timeoutMs: e.ATHENA_TIMEOUT_SECONDS * 1000, pricePerTb: e.ATHENA_PRICE_PER_TB,
      region: e.ATHENA_REGION ?? defaultRegion, endpoint: e.ATHENA_ENDPOINT ?? null,
    },
  };
}
