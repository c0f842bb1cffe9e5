// The commitments sync: fetch coverage, utilization and recommendations from Cost Explorer, then
// store them as this run's rows in one transaction (a failure stores nothing). Runs beyond the
// last KEEP_RUNS are pruned, so the tables stay small while last week's plan stays comparable.
import { notInArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { commitmentCoverage, commitmentRecommendations, commitmentUtilization } from "../../db/schema";
import { ApiCallBudget, type RetryPolicy } from "../sources/api-call-budget";
import type { BillingSource } from "../sources/billing-source";
import { recordRun, RunFailure, type RunSummary } from "../sync/job-runs";
import { bumpReadModelVersion } from "../../db/read-model-version";
import { queryRows } from "../../db/client";
import { fetchCommitments } from "./fetch-commitments";
import { COMMITMENTS_JOB } from "../../db/queries/commitment-reads";

export { COMMITMENTS_JOB } from "../../db/queries/commitment-reads";
const KEEP_RUNS = 14;
const INSERT_CHUNK = 500;

export async function syncCommitments(database: Database, source: BillingSource, retry: RetryPolicy): Promise<RunSummary> {
  const { db } = database;
  return recordRun(db, { job: COMMITMENTS_JOB, source: source.name }, async (runId) => {
    const budget = new ApiCallBudget(retry);
    const spent = () => ({ apiRequests: budget.requests, apiAttempts: budget.attempts });
    try {
      const fetched = await fetchCommitments(source.commitments, budget, source.today());
      await db.transaction(async (tx) => {
        const tables = [
          [commitmentCoverage, fetched.coverage],
          [commitmentUtilization, fetched.utilization],
          [commitmentRecommendations, fetched.recommendations],
        ] as const;
        for (const [table, rows] of tables) {
          for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(table).values(rows.slice(i, i + INSERT_CHUNK).map((row) => ({ ...row, runId })) as never);
        }
        const kept = await queryRows<{ id: number }>(tx, sql`select id from job_runs where job = ${COMMITMENTS_JOB} order by id desc limit ${KEEP_RUNS}`);
        const keep = [runId, ...kept.map((r) => Number(r.id))];
        for (const [table] of tables) await tx.delete(table).where(notInArray(table.runId, keep));
        await bumpReadModelVersion(tx);
      });
      const rowsWritten = fetched.coverage.length + fetched.utilization.length + fetched.recommendations.length;
      return { ...spent(), rowsWritten, details: { coverage: fetched.coverage.length, utilization: fetched.utilization.length, recommendations: fetched.recommendations.length } };
    } catch (error) {
      throw new RunFailure(error, spent());
    }
  });
}

