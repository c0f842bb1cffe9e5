// The cost sync: fetch a window from Cost Explorer, then replace that window and re-attribute it
// in one transaction. A failure anywhere leaves the database and the watermark as they were.
import { vacuumAfterAttribution } from "../attribution/settle-read-models";
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accounts, controlTotals, costLineItems, syncWatermarks, COST_EXPLORER_SOURCE } from "../../db/schema";
import { ApiCallBudget, type RetryPolicy } from "../sources/api-call-budget";
import type { BillingSource } from "../sources/billing-source";
import { fetchCosts, type FetchProgress } from "../sources/cost-explorer/fetch-costs";
import { fetchControlTotals } from "../sources/cost-explorer/fetch-control-totals";
import { ensureMonthPartitions } from "../../db/line-item-partitions";
import { attributeAndReconcile } from "../attribution/attribute-and-reconcile";
import { costSyncWindow, type DayWindow } from "./billing-window";
import { recordRun, RunFailure, type RunSummary } from "./job-runs";
import { loadOwnerTagKeys } from "./owner-tag-keys";

const INSERT_CHUNK = 1000;

export interface CostSyncOptions {
  restatementDays: number;
  historyMonths: number;
  retry: RetryPolicy;
  window?: DayWindow; // an explicit window (CLI --from/--to) instead of the restatement policy
  onProgress?: (progress: FetchProgress) => void;
}

export async function syncCosts(database: Database, source: BillingSource, options: CostSyncOptions): Promise<RunSummary> {
  const { db } = database;
  return recordRun(db, { job: "sync-costs", source: source.name }, async (runId) => {
    const [watermark] = await db.select().from(syncWatermarks).where(eq(syncWatermarks.source, COST_EXPLORER_SOURCE));
    const window =
      options.window ??
      costSyncWindow({
        today: source.today(),
        syncedThrough: watermark?.syncedThrough ?? null,
        restatementDays: options.restatementDays,
        historyMonths: options.historyMonths,
      });
    const budget = new ApiCallBudget(options.retry);
    const spent = () => ({ window, apiRequests: budget.requests, apiAttempts: budget.attempts });
    try {
      const ownerTagKeys = await loadOwnerTagKeys(db);
      const fetched = await fetchCosts(source.costExplorer, budget, window, ownerTagKeys, options.onProgress);
      const control = await fetchControlTotals(source.costExplorer, budget, window);
      const attributed = await db.transaction(async (tx) => {
        await ensureMonthPartitions(tx, window.start, window.end);
        await tx
          .delete(costLineItems)
          .where(and(eq(costLineItems.source, COST_EXPLORER_SOURCE), gte(costLineItems.day, window.start), lt(costLineItems.day, window.end)));
        for (let i = 0; i < fetched.lines.length; i += INSERT_CHUNK) {
          const chunk = fetched.lines.slice(i, i + INSERT_CHUNK).map((line) => ({
            day: line.day,
            accountId: line.accountId,
            service: line.service,
            recordType: line.recordType,
            tags: line.tags,
            unblendedCost: line.unblended,
            amortizedCost: line.amortized,
            netAmortizedCost: line.netAmortized,
            source: COST_EXPLORER_SOURCE,
            batchId: runId,
          }));
          await tx.insert(costLineItems).values(chunk);
        }
        await tx
          .delete(controlTotals)
          .where(and(eq(controlTotals.source, COST_EXPLORER_SOURCE), gte(controlTotals.day, window.start), lt(controlTotals.day, window.end)));
        for (let i = 0; i < control.length; i += INSERT_CHUNK) {
          const chunk = control.slice(i, i + INSERT_CHUNK).map((total) => ({
            source: COST_EXPLORER_SOURCE,
            day: total.day,
            accountId: total.accountId,
            unblendedCost: total.unblended,
            amortizedCost: total.amortized,
            netAmortizedCost: total.netAmortized,
            runId,
          }));
          await tx.insert(controlTotals).values(chunk);
        }
        for (const account of fetched.accounts) {
          await tx
            .insert(accounts)
            .values(account)
            .onConflictDoUpdate({ target: accounts.id, set: { name: account.name, updatedAt: new Date() } });
        }
        const attributed = await attributeAndReconcile(tx, window, runId);
        await tx
          .insert(syncWatermarks)
          .values({ source: COST_EXPLORER_SOURCE, syncedThrough: window.end })
          .onConflictDoUpdate({
            target: syncWatermarks.source,
            set: { syncedThrough: sql`greatest(${syncWatermarks.syncedThrough}, excluded.synced_through)`, updatedAt: new Date() },
          });
        return attributed;
      });
      const { reconciliation, stats } = attributed;
      await vacuumAfterAttribution(database, stats.window);
      return { ...spent(), rowsWritten: fetched.lines.length, details: { accounts: fetched.accounts.length, reconciliation, attribution: stats } };
    } catch (error) {
      throw new RunFailure(error, spent());
    }
  });
}
