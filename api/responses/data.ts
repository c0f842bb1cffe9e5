// Answers of the data routes: /health, /job-runs, /imports.
import { z } from "zod";
import { count, day, decimal, jsonObject, month, timestamp } from "./common";

export const healthAnswer = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]), source: z.string() });

const billing = z.object({ lastCompleteBillingDay: day.nullable(), basis: z.enum(["cost-explorer", "exports"]).nullable(), partialMonth: month.nullable() });

export const jobRunsAnswer = z.object({
  lastCompleteBillingDay: day.nullable(),
  billing,
  costExplorerLast30Days: z.object({ requests: count, cost: decimal }),
  runs: z.array(
    z.object({
      id: count,
      job: z.string(),
      source: z.string(),
      status: z.enum(["running", "succeeded", "failed"]),
      startedAt: timestamp,
      finishedAt: timestamp.nullable(),
      windowStart: day.nullable(),
      windowEnd: day.nullable(),
      rowsWritten: count.nullable(),
      apiRequests: count.nullable(),
      apiAttempts: count.nullable(),
      error: z.string().nullable(),
      details: jsonObject,
      durationMs: count.nullable(),
    }),
  ),
});

export const importedAnswer = z.object({
  runId: count,
  status: z.enum(["running", "succeeded", "failed"]),
  rowsWritten: count,
  window: z.object({ start: day, end: day }).nullable(),
  details: jsonObject,
});

const totals = { rows: count, unblended: decimal, amortized: decimal };
export const importQualityAnswer = z.object({
  runId: count,
  status: z.string(),
  location: z.string(),
  startedAt: z.string(),
  quality: z.object({
    rows: count,
    periods: z.array(z.object({ period: day, ...totals })),
    invoices: z.array(z.object({ invoiceId: z.string().nullable(), ...totals })).nullable(),
    tagKeys: z.array(z.object({ key: z.string(), ownerKey: z.boolean(), ownerLike: z.boolean() })),
    ownerTagKeys: z.array(z.string()),
    withoutOwnerTag: z.object({ unblended: decimal, share: decimal.nullable() }),
    files: z.array(z.object({ name: z.string(), format: z.string(), tagColumns: z.array(z.string()), ignoredColumns: z.array(z.string()) })),
    warnings: z.array(
      z.object({
        code: z.enum(["no-tag-columns", "no-owner-tag-key", "split-mismatch"]),
        file: z.string().nullable(),
        instance: z.string().optional(),
        message: z.string(),
      }),
    ),
  }),
});
