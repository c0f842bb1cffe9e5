// Shared clusters (docs/clusters.md): namespace and cluster owners, and each cluster's idle-cost policy.
// Effective-dated like ownership rules: a change closes the row in force and opens a new one.
import { pgTable, text, integer, serial, date } from "drizzle-orm/pg-core";
import { teams } from "./org";
import { ownershipVersions } from "./ownership";

export type ClusterRuleKind = "namespace" | "cluster";
export type IdlePolicy = "owner" | "proportional" | "even";

export const clusterRules = pgTable("cluster_rules", {
  id: serial("id").primaryKey(),
  kind: text("kind").$type<ClusterRuleKind>().notNull(),
  cluster: text("cluster"), // null: a namespace rule for every cluster
  namespace: text("namespace"), // for kind = 'namespace' (an ECS cluster's service name)
  teamId: text("team_id").references(() => teams.id), // the owner; a cluster may have none
  idle: text("idle").$type<IdlePolicy>(), // for kind = 'cluster'
  priority: integer("priority").notNull(), // cluster namespaces, then every cluster's namespaces, then clusters
  validFrom: date("valid_from").notNull().default("1970-01-01"),
  validTo: date("valid_to"), // exclusive; null = still in force
  source: text("source").notNull(),
  versionId: integer("version_id").references(() => ownershipVersions.id),
});
