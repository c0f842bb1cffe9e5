// The output of attribution: every billed dollar of a day on exactly one team, with the rule that put it there.
import { pgTable, text, date, numeric, integer, bigint, bigserial, index } from "drizzle-orm/pg-core";

export const attributedCosts = pgTable(
  "attributed_costs",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    day: date("day").notNull(),
    teamId: text("team_id").notNull(),
    accountId: text("account_id").notNull(),
    service: text("service").notNull(),
    recordType: text("record_type").notNull(),
    unblendedCost: numeric("unblended_cost").notNull(),
    amortizedCost: numeric("amortized_cost").notNull(),
    netAmortizedCost: numeric("net_amortized_cost").notNull(),
    environment: text("environment"), // production / development / data / shared, when known
    ruleId: integer("rule_id"), // the ownership rule that decided, for direct costs
    poolId: integer("pool_id"), // the shared-cost pool it was split from, for split costs
    decidedBy: text("decided_by").notNull(), // "resource", "tag", "service", "account", "split", "unattributed"; through pods: "pod-label", "namespace", "cluster", "idle"
    cluster: text("cluster"), // the EKS/ECS cluster, for costs attributed through its pods (docs/clusters.md)
    namespace: text("namespace"), // the pods' namespace (an ECS service), null for idle cost
    clusterRuleId: integer("cluster_rule_id"), // the namespace or cluster rule that decided, or whose idle policy split it
    clusterBasis: text("cluster_basis").$type<"split" | "opencost">(), // what weighed the cluster's cost: AWS split data or OpenCost's allocations
    runId: bigint("run_id", { mode: "number" }).notNull(),
  },
  (t) => [index("attributed_costs_day_team_idx").on(t.day, t.teamId), index("attributed_costs_team_day_idx").on(t.teamId, t.day)],
);
