// The answers of GET /api/clusters and GET /api/clusters/:cluster (api/routes/clusters.ts), as zod
// schemas: one definition for the OpenAPI description and the web. Money as decimal strings.
import { z } from "zod";

const money = z.string().regex(/^-?\d+(\.\d+)?$/);
/** A ratio to 6 places (db/queries/ratio.ts); null when its base is 0. */
const share = z.string().nullable();

export const clusterPeriodSchema = z.object({
  period: z.string(), // YYYY-MM-DD (day grain) or YYYY-MM (month grain); every period of the range, zero where no cost
  total: money,
  idle: money,
  idleShare: share,
  byTeam: z.record(z.string(), money),
  byNamespace: z.record(z.string(), money), // idle cost under "(idle)"
});

export const clusterSummarySchema = z.object({
  cluster: z.string(),
  total: money,
  idle: money,
  idleShare: share,
  /** The idle share it is held to (ownership file's idleGoal in force at the range's end, else 0.25). */
  idleGoal: z.string(),
  teams: z.array(z.object({ teamId: z.string(), amount: money })), // largest first; idle included
  namespaces: z.array(z.object({ namespace: z.string(), amount: money })), // largest first; idle as "(idle)"
  periods: z.array(clusterPeriodSchema),
});

export const clustersResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  grain: z.enum(["day", "month"]),
  measure: z.enum(["unblended", "amortized", "net_amortized"]),
  clusters: z.array(clusterSummarySchema),
});

/** Requested (reserved) against used (actual) vCPU-hours and GB-hours per namespace, and the workloads that reserve most and use least. */
export const clusterUsageSchema = z.object({
  namespace: z.string().nullable(),
  resource: z.enum(["vCPU", "memory"]),
  reserved: z.string(),
  actual: z.string(),
  usedShare: share,
});

export const clusterDetailResponseSchema = clustersResponseSchema.omit({ clusters: true }).extend({
  cluster: clusterSummarySchema,
  usage: z.array(clusterUsageSchema),
  workloads: z.array(clusterUsageSchema.omit({ namespace: true }).extend({ namespace: z.string().nullable(), workload: z.string().nullable(), splitCost: money })),
});

/** A team's cost in one cluster over the period (split: its pods; idle: its part of the unused cost) and its share of the cluster's total. */
export const teamClusterShareAnswer = z.object({
  cluster: z.string(),
  amount: money,
  split: money,
  idle: money,
  clusterTotal: money,
  share,
});

export type ClustersResponse = z.infer<typeof clustersResponseSchema>;
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;
export type ClusterDetailResponse = z.infer<typeof clusterDetailResponseSchema>;
