// Figures a reliability test measured, written to reliability-results/<suite>.json for the
// report (test/reliability/report.ts) and the README's Reliability section.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const RESULTS_DIR = join(process.cwd(), "reliability-results");

export interface Figure {
  scenario: string;
  /** What was injected or tried, e.g. "12 throttles on GetCostAndUsage". */
  injected: string;
  outcome: string;
  passed: boolean;
}

export function figureRecorder(suite: string) {
  const figures: Figure[] = [];
  return {
    add: (figure: Figure) => void figures.push(figure),
    /** Call in afterAll: what ran, also when an assertion failed part-way. */
    save: (extra: Record<string, unknown> = {}) => {
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(join(RESULTS_DIR, `${suite}.json`), JSON.stringify({ suite, at: new Date().toISOString(), figures, ...extra }, null, 2));
    },
  };
}
