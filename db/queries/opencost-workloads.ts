// The workloads of clusters split by OpenCost (docs/clusters.md), per day and resource, in the units of
// split data (vCPU-hours; GB-hours as GiB): requests and usage from OpenCost's averages over their
// minutes, and their cost in billed dollars. OpenCost prices at list; each cluster-day's factor is the
// instance cost attribution split by OpenCost (amortized) over the day's allocations' positive totalCost,
// the same weights that split it. The unused reservation is the cost x (requested - used) / requested.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";

export interface OpenCostWorkloadDay {
  day: string;
  cluster: string;
  namespace: string | null;
  workload: string;
  resource: "vCPU" | "memory";
  reserved: string;
  actual: string;
  /** The resource's cost in billed dollars. */
  cost: string;
  unusedReservation: string;
}

const GIB = 1024 ** 3;
const rounded = (value: string) => sql.raw(`trim_scale(round(${value}, 6))::text`);

export function openCostWorkloadDays(db: DbOrTx, window: { from: string; to: string }, cluster: string | null = null): Promise<OpenCostWorkloadDay[]> {
  const inWindow = (alias: string) => sql`${sql.raw(alias)}.day >= ${window.from}::date and ${sql.raw(alias)}.day <= ${window.to}::date ${cluster === null ? sql`` : sql`and ${sql.raw(alias)}.cluster = ${cluster}`}`;
  return queryRows<OpenCostWorkloadDay>(
    db,
    sql`with billed as (
          select ac.cluster, ac.day, sum(ac.amortized_cost) as billed from attributed_costs ac where ac.cluster_basis = 'opencost' and ${inWindow("ac")} group by 1, 2),
        weights as (
          select a.cluster, a.day, sum(greatest(a.total_cost, 0)) as weight from opencost_allocations a where ${inWindow("a")} group by 1, 2),
        factors as (
          select b.cluster, b.day, b.billed / w.weight as factor from billed b join weights w on w.cluster = b.cluster and w.day = b.day where w.weight > 0),
        usage as (
          select w.day, w.cluster, w.namespace, w.workload, r.resource, coalesce(r.reserved, 0) as reserved, coalesce(r.actual, 0) as actual, r.cost * f.factor as cost
          from opencost_workloads w join factors f on f.cluster = w.cluster and f.day = w.day
          cross join lateral (values
            ('vCPU', w.cpu_core_request_average * w.minutes / 60, w.cpu_core_usage_average * w.minutes / 60, w.cpu_cost),
            ('memory', w.ram_byte_request_average * w.minutes / 60 / ${GIB}, w.ram_byte_usage_average * w.minutes / 60 / ${GIB}, w.ram_cost)) r(resource, reserved, actual, cost)
          where w.minutes is not null and ${inWindow("w")})
        select day::text, cluster, namespace, workload, resource, ${rounded("reserved")} as reserved, ${rounded("actual")} as actual, ${rounded("cost")} as cost,
          ${rounded("case when reserved > actual then cost * (reserved - actual) / reserved else 0 end")} as "unusedReservation"
        from usage where reserved <> 0 or actual <> 0 order by 1, 2, 3, 4, 5`,
  );
}

/** Per cluster and namespace split by OpenCost, the team attribution gave most of its dollars over the window (idle left out). */
export function openCostNamespaceTeams(db: DbOrTx, window: { from: string; to: string }): Promise<{ cluster: string; namespace: string; teamId: string }[]> {
  return queryRows(
    db,
    sql`select distinct on (cluster, namespace) cluster, namespace, team_id as "teamId" from (
          select ac.cluster, ac.namespace, ac.team_id, sum(ac.amortized_cost) as amount from attributed_costs ac
          where ac.cluster_basis = 'opencost' and ac.namespace is not null and ac.decided_by <> 'idle' and ac.day >= ${window.from}::date and ac.day <= ${window.to}::date
          group by 1, 2, 3) t
        order by cluster, namespace, amount desc, team_id`,
  );
}
