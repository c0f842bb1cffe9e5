// What the cluster nudges read (docs/clusters.md), each a single query over a window of days: per
// cluster its cost, idle cost, owner and idle goal; the unattributed spend of namespaces no rule owns; and per pod,
// day and resource (vCPU or memory) its reserved and actual usage with the cost of the unused reservation.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { clusterRulesOn, SPLIT_LINE } from "./clusters";

export interface Window {
  from: string;
  to: string;
}

export interface ClusterIdleRow {
  cluster: string;
  total: string;
  idle: string;
  /** The cluster's owner in force on `to`; null when it has none. */
  owner: string | null;
  /** The goal set in the ownership file; null for the default. */
  idleGoal: string | null;
}

export interface UnownedNamespaceRow {
  cluster: string;
  namespace: string;
  /** Split cost of its pods that no label, namespace or cluster owner claimed. */
  amount: string;
}

export interface PodUsageRow {
  day: string;
  pod: string;
  cluster: string;
  namespace: string | null;
  workload: string | null;
  resource: "vCPU" | "memory";
  reserved: string;
  actual: string;
  splitCost: string;
  /** The split cost of reserved usage beyond actual usage: split cost x (reserved - actual) / split usage. */
  unusedReservation: string;
}

const inWindow = (alias: string, window: Window) => sql`${sql.raw(alias)}.day >= ${window.from}::date and ${sql.raw(alias)}.day <= ${window.to}::date`;

export function loadClusterIdle(db: DbOrTx, window: Window): Promise<ClusterIdleRow[]> {
  return queryRows<ClusterIdleRow>(
    db,
    sql`with spend as (
          select ac.cluster, sum(ac.amortized_cost) as total, coalesce(sum(ac.amortized_cost) filter (where ac.decided_by = 'idle'), 0) as idle
          from attributed_costs ac where ac.cluster is not null and ${inWindow("ac", window)} group by 1),
        rules as (${clusterRulesOn(window.to)})
        select s.cluster, s.total::text as total, s.idle::text as idle, r.team_id as owner, r.idle_goal::text as "idleGoal"
        from spend s left join rules r on r.cluster = s.cluster order by 1`,
  );
}

export function loadUnownedNamespaces(db: DbOrTx, window: Window): Promise<UnownedNamespaceRow[]> {
  return queryRows<UnownedNamespaceRow>(
    db,
    sql`select ac.cluster, ac.namespace, sum(ac.amortized_cost)::text as amount
        from attributed_costs ac
        where ac.cluster is not null and ac.namespace is not null and ac.decided_by = 'unattributed' and ${inWindow("ac", window)}
        group by 1, 2 having sum(ac.amortized_cost) > 0 order by 1, 2`,
  );
}

export function loadPodUsage(db: DbOrTx, window: Window): Promise<PodUsageRow[]> {
  return queryRows<PodUsageRow>(
    db,
    sql`select li.day::text as day, li.resource_id as pod, ${SPLIT_LINE.cluster} as cluster, ${SPLIT_LINE.namespace} as namespace, ${SPLIT_LINE.workload} as workload,
          ${SPLIT_LINE.resource} as resource, coalesce(sum(li.reserved_usage), 0)::text as reserved, coalesce(sum(li.actual_usage), 0)::text as actual,
          sum(li.split_cost)::text as "splitCost",
          coalesce(sum(case when li.split_usage > 0 and li.reserved_usage > coalesce(li.actual_usage, 0)
                            then li.split_cost * (li.reserved_usage - coalesce(li.actual_usage, 0)) / li.split_usage else 0 end), 0)::text as "unusedReservation"
        from cost_line_items li
        where li.split_cost is not null and li.resource_id is not null and ${SPLIT_LINE.cluster} is not null and ${inWindow("li", window)}
        group by 1, 2, 3, 4, 5, 6 order by 1, 2, 6`,
  );
}
