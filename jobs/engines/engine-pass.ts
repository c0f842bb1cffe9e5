// A run of the resource-level pass on DuckDB or Athena: the pass (run-pass.ts), then each billing
// period's facts written and attributed in a transaction of its own (write-facts.ts), in period
// order. The run is recorded like an import (job "import"), with the engine's usage (Athena: bytes
// scanned and dollars) and the quality totals the pass measured.
import type { Database } from "../../db/client";
import { recordRun, RunFailure, type RunSummary } from "../sync/job-runs";
import type { PassEngine } from "./pass-engine";
import { passNeeds, runPass } from "./run-pass";
import { writePeriodFacts, type WrittenPeriod } from "./write-facts";

export interface EnginePassOptions {
  /** Where the export is (a folder, a file, or the Athena table), for the run record. */
  location: string;
  /** Only these billing periods (YYYY-MM-01); null = every period the source holds (DuckDB) . */
  periods?: string[] | null;
}

export async function runEnginePass(database: Database, open: () => Promise<PassEngine>, options: EnginePassOptions): Promise<RunSummary> {
  return recordRun(database.db, { job: "import", source: options.location }, async (runId) => {
    const engine = await open();
    const written: WrittenPeriod[] = [];
    const started = performance.now();
    try {
      const needs = await passNeeds(database.db);
      const pass = await runPass(engine, needs, options.periods ?? null);
      const passMs = Math.round(performance.now() - started);
      const format = engine.sources[0]!.layout.format;
      for (const [period, facts] of pass.periods) {
        if (options.periods && !options.periods.includes(period)) continue;
        written.push(await writePeriodFacts(database, runId, { period, facts, format, label: `${engine.name}: ${options.location}` }));
      }
      const windows = written.map((period) => period.window);
      const window = windows.length === 0 ? undefined : { start: windows.map((w) => w.start).sort()[0]!, end: windows.map((w) => w.end).sort().at(-1)! };
      return {
        window,
        rowsWritten: written.reduce((sum, period) => sum + period.facts, 0),
        details: {
          engine: engine.name, usage: engine.usage(), tagKeys: pass.tagKeys, resourceIds: pass.resourceIds, quality: pass.quality,
          periods: written.map(({ reconciliation, ...period }) => ({ ...period, reconciled: reconciliation.mismatches.length === 0 })),
          timings: { passMs, writeMs: Math.round(performance.now() - started) - passMs },
        },
      };
    } catch (error) {
      // Periods already committed stay (each is whole); the run says which, and why it stopped.
      throw new RunFailure(error, { rowsWritten: written.reduce((sum, period) => sum + period.facts, 0), details: { engine: engine.name, usage: engine.usage(), periods: written.map((period) => period.period) } });
    } finally {
      await engine.close();
    }
  });
}
