// Reads the reconciliation a sync or attribution run recorded in its details (jobs/attribution/reconcile.ts).
import type { JobRun } from "../../api/use-job-runs";
import type { Reconciliation } from "../../../../jobs/attribution/reconcile";

/** details is free-form JSON on the wire; this checks the shape before trusting it. */
export function reconciliationOf(run: JobRun): Reconciliation | null {
  const value = (run.details as Record<string, unknown>)["reconciliation"];
  if (typeof value !== "object" || value === null) return null;
  const candidate = value as Partial<Reconciliation>;
  if (typeof candidate.daysChecked !== "number" || !Array.isArray(candidate.mismatches)) return null;
  return candidate as Reconciliation;
}

export function latestReconciliation(runs: readonly JobRun[]): { run: JobRun; reconciliation: Reconciliation } | null {
  for (const run of runs) {
    const reconciliation = reconciliationOf(run);
    if (reconciliation) return { run, reconciliation };
  }
  return null;
}
