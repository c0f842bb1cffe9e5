// The resource sync: every tagged resource the Tagging API lists, upserted in one transaction.
// first_seen stays, last_seen moves; resources that stop appearing keep their old last_seen.
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { resources } from "../../db/schema";
import { ApiCallBudget, type RetryPolicy } from "../sources/api-call-budget";
import type { BillingSource } from "../sources/billing-source";
import { fetchResources } from "../sources/tagging/fetch-resources";
import { recordRun, RunFailure, type RunSummary } from "./job-runs";
import { bumpReadModelVersion } from "../../db/read-model-version";

const UPSERT_CHUNK = 500;

export async function syncResources(database: Database, source: BillingSource, retry: RetryPolicy): Promise<RunSummary> {
  return recordRun(database.db, { job: "sync-resources", source: source.name }, async () => {
    const budget = new ApiCallBudget(retry);
    const spent = () => ({ apiRequests: budget.requests, apiAttempts: budget.attempts });
    try {
      // One row per ARN even if a listing repeats one (an upsert may not touch a row twice).
      const records = [...new Map((await fetchResources(source.tagging, budget, source.regions)).map((r) => [r.arn, r])).values()];
      const seenAt = new Date();
      await database.db.transaction(async (tx) => {
        for (let i = 0; i < records.length; i += UPSERT_CHUNK) {
          const chunk = records.slice(i, i + UPSERT_CHUNK).map((record) => ({ ...record, firstSeenAt: seenAt, lastSeenAt: seenAt }));
          await tx
            .insert(resources)
            .values(chunk)
            .onConflictDoUpdate({
              target: resources.arn,
              set: { tags: sql`excluded.tags`, region: sql`excluded.region`, lastSeenAt: sql`excluded.last_seen_at` },
            });
        }
        await bumpReadModelVersion(tx);
      });
      return { ...spent(), rowsWritten: records.length, details: { regions: source.regions } };
    } catch (error) {
      throw new RunFailure(error, spent());
    }
  });
}
