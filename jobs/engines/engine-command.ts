// The import when PASS_ENGINE is duckdb or athena: the resource-level pass runs on that engine and only
// grouped facts reach PostgreSQL (engine-pass.ts). DuckDB reads a local folder or file of exports;
// Athena reads the configured table, for the billing periods given (YYYY-MM, comma-separated) or the
// open month and the one before (AWS restates both).
import type { Runtime } from "../runtime";
import { addDays, firstOfMonth } from "../../db/calendar";
import { withJobLock } from "../sync/abandoned-runs";
import type { RunSummary } from "../sync/job-runs";
import { IMPORT_LOCK } from "../imports/import-lock";
import { athenaEngine } from "./athena-engine";
import { duckdbEngine } from "./duckdb-engine";
import { runEnginePass } from "./engine-pass";

/** Billing periods from "2025-05,2025-06", or the open month and the one before. */
export function passPeriods(argument: string | undefined, today: string): string[] {
  if (!argument) {
    const open = firstOfMonth(today);
    return [firstOfMonth(addDays(open, -1)), open];
  }
  return argument.split(",").map((text) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text.trim())) throw new Error(`billing period "${text}" is not YYYY-MM`);
    return `${text.trim()}-01`;
  });
}

/** Runs the pass under the import's lock; undefined when another import holds it. */
export async function runConfiguredPass(runtime: Runtime, location: string | undefined): Promise<RunSummary | undefined> {
  const engine = runtime.config.engine;
  if (engine.name === "duckdb") {
    if (!location) throw new Error("the DuckDB engine needs a folder or file of exports");
    if (location.startsWith("s3://")) throw new Error("the DuckDB engine reads local files: download the exports first, or use PASS_ENGINE=athena");
    return withJobLock(runtime.database, IMPORT_LOCK, () => runEnginePass(runtime.database, () => duckdbEngine(location), { location }));
  }
  const athena = engine.athena!;
  const periods = passPeriods(location, new Date().toISOString().slice(0, 10));
  return withJobLock(runtime.database, IMPORT_LOCK, () =>
    runEnginePass(runtime.database, () => athenaEngine(athena), { location: `athena:${athena.database}.${athena.table}`, periods }));
}

export async function engineImportCommand(runtime: Runtime, location: string | undefined): Promise<void> {
  const run = await runConfiguredPass(runtime, location);
  if (!run) throw new Error("another import holds the lock; try again when it has finished");
  const details = (run.details ?? {}) as { engine?: string; usage?: Record<string, unknown>; periods?: { period: string; facts: number; lines: number }[]; quality?: { period: string; lines: number; unblended: string; withoutOwnerTag: string; roundedValues: number }[] };
  console.log(`run ${run.runId}: ${run.status} on ${details.engine ?? runtime.config.engine.name}, ${run.rowsWritten ?? 0} facts written${run.error ? `\n  error: ${run.error}` : ""}`);
  for (const period of details.periods ?? []) console.log(`  period ${period.period.slice(0, 7)}: ${period.lines} lines -> ${period.facts} facts`);
  for (const row of details.quality ?? []) console.log(`  quality ${row.period.slice(0, 7)}: ${row.lines} lines, unblended ${row.unblended}, with no owner-like tag ${row.withoutOwnerTag}${row.roundedValues > 0 ? `, ${row.roundedValues} amount(s) rounded to 10 decimals` : ""}`);
  if (details.usage) console.log(`  engine: ${Object.entries(details.usage).map(([key, value]) => `${key} ${String(value)}`).join(", ")}`);
  if (run.status === "failed") process.exitCode = 1;
}
