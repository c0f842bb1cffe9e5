// The cluster_rules rows an ownership file's `kubernetes:` section stands for. Order (first match
// wins, after a pod's own owner label): a cluster's namespaces, then every cluster's namespaces, then
// the cluster's owner. Each cluster row carries its idle policy even without an owner.
import Decimal from "decimal.js";
import type { clusterRules } from "../../db/schema";
import type { Ownership } from "./ownership-schema";

export type ClusterRuleRow = Pick<typeof clusterRules.$inferInsert, "kind" | "cluster" | "namespace" | "teamId" | "idle" | "idleGoal" | "priority">;

// The Backstage import's namespaces come between every cluster's namespaces and the cluster owners (3000+).
const FIRST_PRIORITY = { clusterNamespace: 1000, namespace: 2000, cluster: 4000 } as const;

export function clusterRuleRows(ownership: Pick<Ownership, "kubernetes">): ClusterRuleRow[] {
  const kubernetes = ownership.kubernetes;
  if (!kubernetes) return [];
  const namespaceRow = (cluster: string | null, [namespace, teamId]: [string, string], priority: number): ClusterRuleRow => ({ kind: "namespace", cluster, namespace, teamId, idle: null, idleGoal: null, priority });
  const inCluster = kubernetes.clusters.flatMap((cluster) => Object.entries(cluster.namespaces).map((entry) => [cluster.name, entry] as const));
  return [
    ...inCluster.map(([cluster, entry], i) => namespaceRow(cluster, entry, FIRST_PRIORITY.clusterNamespace + i)),
    ...Object.entries(kubernetes.namespaces).map((entry, i) => namespaceRow(null, entry, FIRST_PRIORITY.namespace + i)),
    ...kubernetes.clusters.map((cluster, i) => ({
      kind: "cluster" as const,
      cluster: cluster.name,
      namespace: null,
      teamId: cluster.owner ?? null,
      idle: cluster.idle ?? (cluster.owner ? "owner" : "proportional"),
      idleGoal: cluster.idleGoal === undefined ? null : new Decimal(cluster.idleGoal).toString(),
      priority: FIRST_PRIORITY.cluster + i,
    })),
  ];
}

export const clusterRuleKey = (r: ClusterRuleRow) => JSON.stringify([r.priority, r.kind, r.cluster ?? null, r.namespace ?? null, r.teamId ?? null, r.idle ?? null, r.idleGoal == null ? null : new Decimal(r.idleGoal).toString()]);
