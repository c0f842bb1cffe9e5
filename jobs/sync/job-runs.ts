// Every job run is recorded: started before the work, finished with counts or the error.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobRuns } from "../../db/schema";
import type { DayWindow } from "./billing-window";
import { describeError } from "../describe-error";

export interface RunOutcome {
  window?: DayWindow;
  rowsWritten?: number;
  apiRequests?: number;
  apiAttempts?: number;
  details?: Record<string, unknown>;
  /** A run can finish its work and still fail a check (e.g. reconciliation). */
  failure?: string;
}

export interface RunSummary extends RunOutcome {
  runId: number;
  status: "succeeded" | "failed";
  error?: string;
}

/** Counts gathered before a failure still belong on the run. */
export class RunFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly partial: RunOutcome,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export async function recordRun(
  db: Db,
  run: { job: string; source: string },
  work: (runId: number) => Promise<RunOutcome>,
): Promise<RunSummary> {
  const [started] = await db.insert(jobRuns).values({ ...run, status: "running" }).returning({ id: jobRuns.id });
  const runId = started!.id;
  let outcome: RunOutcome;
  let error: string | undefined;
  try {
    outcome = await work(runId);
    error = outcome.failure;
  } catch (caught) {
    outcome = caught instanceof RunFailure ? caught.partial : {};
    const cause = caught instanceof RunFailure ? caught.cause : caught;
    error = describeError(cause);
  }
  const status = error ? "failed" : "succeeded";
  await db
    .update(jobRuns)
    .set({
      status,
      finishedAt: new Date(),
      windowStart: outcome.window?.start ?? null,
      windowEnd: outcome.window?.end ?? null,
      rowsWritten: outcome.rowsWritten ?? 0,
      apiRequests: outcome.apiRequests ?? 0,
      apiAttempts: outcome.apiAttempts ?? 0,
      error: error ?? null,
      details: outcome.details ?? {},
    })
    .where(eq(jobRuns.id, runId));
  return { runId, status, ...outcome, error };
}
