// A run still "running" while its job's advisory lock is free belongs to a process that died (killed,
// out of memory, power lost) before it could record the end. Its transaction rolled back with its
// connection, so nothing of it was written; the run is closed as failed so the Data sync page says so.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../../db/client";
import { jobRuns } from "../../db/schema";

export const JOBS_BY_LOCK: Record<string, string[]> = {
  "tallyboard:sync": ["sync-costs", "sync-resources"],
  "tallyboard:import": ["import"],
  "tallyboard:opencost": ["opencost-pull"],
};

/** Call only while holding the lock of these jobs: then no live process is running them. */
export async function closeAbandonedRuns(db: DbOrTx, jobs: string[]): Promise<number> {
  const closed = await db
    .update(jobRuns)
    .set({ status: "failed", finishedAt: sql`now()`, error: "abandoned: the process ended before the run finished; nothing of it was committed" })
    .where(and(eq(jobRuns.status, "running"), inArray(jobRuns.job, jobs)))
    .returning({ id: jobRuns.id });
  return closed.length;
}

/** withAdvisoryLock for a job's lock, closing that job's abandoned runs first. */
export function withJobLock<T>(database: Database, lock: keyof typeof JOBS_BY_LOCK, fn: () => Promise<T>): Promise<T | undefined> {
  return database.withAdvisoryLock(lock, async () => {
    await closeAbandonedRuns(database.db, JOBS_BY_LOCK[lock]!);
    return fn();
  });
}
