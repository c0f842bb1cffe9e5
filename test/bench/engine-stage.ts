// The resource-level pass on DuckDB against today's PostgreSQL path, in the same run: the DuckDB
// engine reads the bench's Parquet (and CSV) export, writes only the grouped facts into a database of
// its own, and attributes them; its facts, attribution and rollups must equal those of the bench's
// database, which imported every line (PostgreSQL import + attribution).
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { duckdbEngine } from "../../jobs/engines/duckdb-engine";
import { runEnginePass } from "../../jobs/engines/engine-pass";
import { createBenchDatabase, seedOwnership } from "./bench-database";
import type { GeneratedFile } from "./generate-cur";
import { passSnapshot } from "../support/engine-exports";

export interface EngineStage {
  /** The whole pass: read + group in DuckDB, write facts, attribution + rollups + reconciliation. */
  parquetS: number;
  csvS: number;
  /** Of that, DuckDB's read + group (Parquet). */
  parquetPassS: number;
  facts: number;
  lines: number;
  /** Facts, attribution, rollups and reconciliation equal to the PostgreSQL path's, to the last digit. */
  equal: boolean;
  differences: string[];
}

async function passInto(adminUrl: string, file: GeneratedFile) {
  const bench = await createBenchDatabase(adminUrl);
  await seedOwnership(bench.database);
  const started = performance.now();
  const run = await runEnginePass(bench.database, () => duckdbEngine(file.path), { location: file.path });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== "succeeded") throw new Error(`DuckDB engine pass failed: ${run.error}`);
  return { bench, seconds, run };
}

export async function duckdbEngineStage(adminUrl: string, files: { csv: GeneratedFile; parquet: GeneratedFile }, postgresPath: Database): Promise<EngineStage> {
  const csv = await passInto(adminUrl, files.csv);
  await csv.bench.drop();
  const parquet = await passInto(adminUrl, files.parquet);
  try {
    const details = parquet.run.details as { tagKeys: string[]; resourceIds: boolean; timings: { passMs: number }; periods: { lines: number }[] };
    const expected = await passSnapshot(postgresPath, details.tagKeys, details.resourceIds);
    const got = await passSnapshot(parquet.bench.database, details.tagKeys, details.resourceIds);
    const differences = Object.keys(expected).filter((table) => JSON.stringify(expected[table]) !== JSON.stringify(got[table]));
    const [stored] = await queryRows<{ rows: number }>(parquet.bench.database.db, sql`select count(*)::int as rows from cost_line_items`);
    return {
      parquetS: parquet.seconds, csvS: csv.seconds, parquetPassS: details.timings.passMs / 1000, facts: stored!.rows,
      lines: details.periods.reduce((sum, period) => sum + period.lines, 0), equal: differences.length === 0, differences,
    };
  } finally {
    await parquet.bench.drop();
  }
}
