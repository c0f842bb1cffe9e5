// The scheduled nudge run: generate from the latest synced data, then deliver. Under its own advisory
// lock (several instances run it once) and recorded in job_runs like every job.
import type { Database } from "../../db/client";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { recordRun, type RunSummary } from "../sync/job-runs";
import { generateNudges } from "./generate-nudges";
import { deliverNudges, type DeliveryOptions } from "./deliver-nudges";

export const NUDGE_LOCK = "tallyboard:nudges";

/** Undefined when another holder runs it, or before the first sync (nothing to judge yet). */
export async function runNudgeJob(
  database: Database,
  sourceName: string,
  options: Omit<DeliveryOptions, "today"> & { today?: string } = {},
): Promise<RunSummary | undefined> {
  const today = options.today ?? (await getLastCompleteBillingDay(database.db));
  if (!today) return undefined;
  return database.withAdvisoryLock(NUDGE_LOCK, () =>
    recordRun(database.db, { job: "nudges", source: sourceName }, async () => {
      const generated = await generateNudges(database.db, today);
      const delivered = await deliverNudges(database.db, { ...options, today });
      const failure = delivered.failed > 0 ? `${delivered.failed} deliveries failed for good (see the delivery log)` : undefined;
      return { rowsWritten: generated.created + generated.refreshed + generated.resolved, details: { generated, delivered }, failure };
    }),
  );
}
