// The Data sync page: recent job runs, the watermark, and what the API calls cost.
import { desc, sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../client";
import { jobRuns } from "../schema";
import { getBillingStatus } from "./billing-status";

/** Cost Explorer charges $0.01 per request (every page). */
export const COST_EXPLORER_REQUEST_PRICE = "0.01";

export async function listJobRuns(db: DbOrTx, options: { limit: number }) {
  const runs = await db.select().from(jobRuns).orderBy(desc(jobRuns.id)).limit(options.limit);
  const [spend] = await queryRows<{ requests: number }>(
    db,
    sql`select coalesce(sum(api_requests), 0)::int as requests from job_runs
        where job = 'sync-costs' and source = 'aws' and started_at > now() - interval '30 days'`,
  );
  const requests = spend?.requests ?? 0;
  const billing = await getBillingStatus(db);
  return {
    lastCompleteBillingDay: billing.lastCompleteBillingDay,
    billing,
    costExplorerLast30Days: { requests, cost: new Decimal(COST_EXPLORER_REQUEST_PRICE).times(requests).toFixed(2) },
    runs: runs.map((run) => ({
      ...run,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    })),
  };
}
