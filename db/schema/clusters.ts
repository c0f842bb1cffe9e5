// Shared clusters (docs/clusters.md): namespace and cluster owners, and each cluster's idle-cost policy.
// Effective-dated like ownership rules: a change closes the row in force and opens a new one.
import { pgTable, text, integer, serial, date, boolean, numeric, timestamp, primaryKey, index } from "drizzle-orm/pg-core";
import { teams } from "./org";
import { ownershipVersions } from "./ownership";

export type ClusterRuleKind = "namespace" | "cluster";
export type IdlePolicy = "owner" | "proportional" | "even";
/** The idle share a cluster is held to when its ownership entry sets no `idleGoal`. */
export const DEFAULT_IDLE_GOAL = "0.25";

export const clusterRules = pgTable("cluster_rules", {
  id: serial("id").primaryKey(),
  kind: text("kind").$type<ClusterRuleKind>().notNull(),
  cluster: text("cluster"), // null: a namespace rule for every cluster
  namespace: text("namespace"), // for kind = 'namespace' (an ECS cluster's service name)
  teamId: text("team_id").references(() => teams.id), // the owner; a cluster may have none
  idle: text("idle").$type<IdlePolicy>(), // for kind = 'cluster'
  idleGoal: numeric("idle_goal"), // for kind = 'cluster': the idle share above which it is nudged; null = the default
  priority: integer("priority").notNull(), // cluster namespaces, then every cluster's namespaces, then clusters
  validFrom: date("valid_from").notNull().default("1970-01-01"),
  validTo: date("valid_to"), // exclusive; null = still in force
  source: text("source").notNull(),
  versionId: integer("version_id").references(() => ownershipVersions.id),
});

/** OpenCost's request and usage averages over an allocation's minutes, and the file it came from. */
const requestsAndUsage = () => ({
  cpuCoreRequestAverage: numeric("cpu_core_request_average"),
  cpuCoreUsageAverage: numeric("cpu_core_usage_average"),
  ramByteRequestAverage: numeric("ram_byte_request_average"),
  ramByteUsageAverage: numeric("ram_byte_usage_average"),
  minutes: numeric("minutes"),
  sourceFile: text("source_file").notNull(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
});

/** OpenCost's allocations of a cluster without split data, per UTC day and aggregate (a namespace, or a
 *  label's value; `__idle__` and `__unallocated__` as OpenCost names them): the usage basis that splits
 *  the cluster's billed instance cost (jobs/attribution/opencost-*.ts). Costs as OpenCost gave them. */
export const opencostAllocations = pgTable(
  "opencost_allocations",
  {
    cluster: text("cluster").notNull(),
    day: date("day").notNull(),
    name: text("name").notNull(),
    namespace: text("namespace"), // properties.namespace, when the aggregate has one
    labelKey: text("label_key"), // aggregate=label:<key>: the key and the value of this aggregate
    labelValue: text("label_value"),
    idle: boolean("idle").notNull(),
    cpuCost: numeric("cpu_cost").notNull(),
    gpuCost: numeric("gpu_cost").notNull(),
    ramCost: numeric("ram_cost").notNull(),
    pvCost: numeric("pv_cost").notNull(),
    networkCost: numeric("network_cost").notNull(),
    totalCost: numeric("total_cost").notNull(),
    cpuEfficiency: numeric("cpu_efficiency"),
    ramEfficiency: numeric("ram_efficiency"),
    totalEfficiency: numeric("total_efficiency"),
    ...requestsAndUsage(),
  },
  (t) => [primaryKey({ name: "opencost_allocations_pkey", columns: [t.cluster, t.day, t.name] }), index("opencost_allocations_day_idx").on(t.day)],
);

/** OpenCost's allocations aggregated by controller, per UTC day (`deployment:checkout-api`; idle and
 *  unallocated left out): requests, usage and costs of each workload of a cluster without split data.
 *  They weigh nothing in attribution; the Clusters page's workloads and the underused-workload nudge read them. */
export const opencostWorkloads = pgTable(
  "opencost_workloads",
  {
    cluster: text("cluster").notNull(),
    day: date("day").notNull(),
    name: text("name").notNull(), // the allocation's key: payments/deployment:checkout-api
    workload: text("workload").notNull(), // deployment:checkout-api
    namespace: text("namespace"),
    cpuCost: numeric("cpu_cost").notNull(),
    ramCost: numeric("ram_cost").notNull(),
    totalCost: numeric("total_cost").notNull(),
    ...requestsAndUsage(),
  },
  (t) => [primaryKey({ name: "opencost_workloads_pkey", columns: [t.cluster, t.day, t.name] }), index("opencost_workloads_day_idx").on(t.day)],
);
