// Shared clusters as the Clusters page reads them (docs/clusters.md): per cluster, cost by team and by
// namespace per day or month (every period of the range, zero where none), and the idle share; for
// one cluster, requested (reserved) against used (actual) vCPU and memory per namespace and the
// workloads that reserve most and use least. Reads attributed costs and the split lines; sums as decimal strings.
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../client";
import { daysBetween, monthsBetween, firstOfMonth } from "../calendar";
import { measureColumn, type Measure } from "./measure";
import { ratio } from "./ratio";
import { openCostUsage } from "./opencost-usage";
import { openCostWorkloadDays, type OpenCostWorkloadDay } from "./opencost-workloads";
import { DEFAULT_IDLE_GOAL } from "../schema/clusters";

export const IDLE_NAMESPACE = "(idle)";

/** What a split line (alias li) names, from its AWS-managed tags: an ECS service stands for both namespace and workload. */
export const SPLIT_LINE = {
  cluster: sql`coalesce(li.tags ->> 'aws:eks:cluster-name', li.tags ->> 'aws:ecs:clusterName')`,
  namespace: sql`coalesce(li.tags ->> 'aws:eks:namespace', li.tags ->> 'aws:ecs:serviceName')`,
  workload: sql`coalesce(li.tags ->> 'aws:eks:workload-name', li.tags ->> 'aws:ecs:serviceName')`,
  resource: sql`(case when li.usage_type like '%vCPU%' then 'vCPU' else 'memory' end)`,
};
const WORKLOADS = 20;

/** Each cluster's own rule (owner, idle policy, idle goal) in force on a day, as rows (cluster, team_id, idle_goal). */
export const clusterRulesOn = (day: string) => sql`select distinct on (r.cluster) r.cluster, r.team_id, r.idle_goal from cluster_rules r
  where r.kind = 'cluster' and r.valid_from <= ${day}::date and (r.valid_to is null or r.valid_to > ${day}::date) order by r.cluster, r.priority, r.id`;

export interface ClusterQuery {
  from?: string;
  to?: string;
  grain: "day" | "month";
  measure: Measure;
}

interface Row {
  cluster: string;
  period: string;
  teamId: string;
  namespace: string;
  idle: boolean;
  amount: string;
}

const add = (map: Map<string, Decimal>, key: string, amount: Decimal.Value) => map.set(key, (map.get(key) ?? new Decimal(0)).plus(amount));
const ranked = (map: Map<string, Decimal>) => [...map].sort(([ka, a], [kb, b]) => b.comparedTo(a) || (ka < kb ? -1 : 1));
const plain = (map: Map<string, Decimal>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, amount]) => [key, amount.toFixed()]));

/** The range asked for, or the three months through the last day with cluster costs. */
async function range(db: DbOrTx, query: ClusterQuery): Promise<{ from: string; to: string }> {
  if (query.from && query.to) return { from: query.from, to: query.to };
  const [latest] = await queryRows<{ day: string | null }>(db, sql`select max(day)::text as day from attributed_costs where cluster is not null`);
  const to = query.to ?? latest?.day ?? new Date().toISOString().slice(0, 10);
  return { from: query.from ?? firstOfMonth(to, 2), to };
}

function summarise(cluster: string, rows: Row[], periods: string[], idleGoal: string) {
  const teams = new Map<string, Decimal>();
  const namespaces = new Map<string, Decimal>();
  const byPeriod = new Map(periods.map((period) => [period, { total: new Decimal(0), idle: new Decimal(0), byTeam: new Map<string, Decimal>(), byNamespace: new Map<string, Decimal>() }]));
  for (const row of rows) {
    add(teams, row.teamId, row.amount);
    add(namespaces, row.namespace, row.amount);
    const period = byPeriod.get(row.period)!;
    period.total = period.total.plus(row.amount);
    if (row.idle) period.idle = period.idle.plus(row.amount);
    add(period.byTeam, row.teamId, row.amount);
    add(period.byNamespace, row.namespace, row.amount);
  }
  const total = [...byPeriod.values()].reduce((sum, p) => sum.plus(p.total), new Decimal(0));
  const idle = [...byPeriod.values()].reduce((sum, p) => sum.plus(p.idle), new Decimal(0));
  return {
    cluster,
    total: total.toFixed(),
    idle: idle.toFixed(),
    idleShare: ratio(idle.toFixed(), total.toFixed()),
    idleGoal,
    teams: ranked(teams).map(([teamId, amount]) => ({ teamId, amount: amount.toFixed() })),
    namespaces: ranked(namespaces).map(([namespace, amount]) => ({ namespace, amount: amount.toFixed() })),
    periods: [...byPeriod].map(([period, p]) => ({ period, total: p.total.toFixed(), idle: p.idle.toFixed(), idleShare: ratio(p.idle.toFixed(), p.total.toFixed()), byTeam: plain(p.byTeam), byNamespace: plain(p.byNamespace) })),
  };
}

export async function getClusters(db: DbOrTx, query: ClusterQuery, only?: string) {
  const { from, to } = await range(db, query);
  const period = query.grain === "day" ? sql`ac.day::text` : sql`to_char(ac.day, 'YYYY-MM')`;
  const rows = await queryRows<Row>(
    db,
    sql`select ac.cluster, ${period} as period, ac.team_id as "teamId", coalesce(ac.namespace, ${IDLE_NAMESPACE}) as namespace, ac.decided_by = 'idle' as idle,
          sum(${measureColumn(query.measure)})::text as amount
        from attributed_costs ac
        where ac.cluster is not null and ac.day >= ${from}::date and ac.day <= ${to}::date ${only === undefined ? sql`` : sql`and ac.cluster = ${only}`}
        group by 1, 2, 3, 4, 5 order by 1`,
  );
  const periods = query.grain === "day" ? daysBetween(from, to) : monthsBetween(from.slice(0, 7), to.slice(0, 7));
  const clusters = [...new Set(rows.map((row) => row.cluster))].sort();
  const goals = new Map((await queryRows<{ cluster: string; goal: string | null }>(db, sql`select g.cluster, g.idle_goal::text as goal from (${clusterRulesOn(to)}) g`)).map((row) => [row.cluster, row.goal]));
  const summaries = clusters.map((cluster) => summarise(cluster, rows.filter((row) => row.cluster === cluster), periods, goals.get(cluster) ?? DEFAULT_IDLE_GOAL));
  return { from, to, grain: query.grain, measure: query.measure, clusters: summaries };
}

/** One cluster, with its namespaces' reserved and actual usage and its least-used workloads; null when it has no cost in the range. */
export async function getCluster(db: DbOrTx, cluster: string, query: ClusterQuery) {
  const { clusters, ...rest } = await getClusters(db, query, cluster);
  if (clusters.length === 0) return null;
  const resource = SPLIT_LINE.resource;
  const lines = sql`from cost_line_items li where li.day >= ${rest.from}::date and li.day <= ${rest.to}::date and li.split_cost is not null and ${SPLIT_LINE.cluster} = ${cluster}`;
  const usage = await queryRows<{ namespace: string | null; resource: "vCPU" | "memory"; reserved: string; actual: string }>(
    db,
    sql`select ${SPLIT_LINE.namespace} as namespace, ${resource} as resource,
          coalesce(sum(li.reserved_usage), 0)::text as reserved, coalesce(sum(li.actual_usage), 0)::text as actual
        ${lines} group by 1, 2 order by 1, 2`,
  );
  const workloads = await queryRows<{ namespace: string | null; workload: string | null; resource: "vCPU" | "memory"; reserved: string; actual: string; splitCost: string }>(
    db,
    sql`select ${SPLIT_LINE.namespace} as namespace, ${SPLIT_LINE.workload} as workload,
          ${resource} as resource, coalesce(sum(li.reserved_usage), 0)::text as reserved, coalesce(sum(li.actual_usage), 0)::text as actual, coalesce(sum(li.split_cost), 0)::text as "splitCost"
        ${lines} group by 1, 2, 3 order by sum(li.reserved_usage) - sum(li.actual_usage) desc nulls last, 1, 2, 3 limit ${WORKLOADS}`,
  );
  const withShare = <T extends { reserved: string; actual: string }>(row: T) => ({ ...row, usedShare: ratio(row.actual, row.reserved) });
  // Clusters without split data: OpenCost's usage per namespace, and its workloads.
  const fromOpenCost = await openCostUsage(db, cluster, rest.from, rest.to);
  const openCostWorkloads = summedWorkloads(await openCostWorkloadDays(db, { from: rest.from, to: rest.to }, cluster));
  const leastUsed = openCostWorkloads.length === 0 ? workloads : [...workloads, ...openCostWorkloads].sort(byUnusedReservation).slice(0, WORKLOADS);
  return { ...rest, cluster: clusters[0]!, usage: [...usage, ...fromOpenCost].map(withShare), workloads: leastUsed.map(withShare) };
}

type WorkloadUsage = { namespace: string | null; workload: string | null; resource: "vCPU" | "memory"; reserved: string; actual: string; splitCost: string };

/** OpenCost's workload-days summed per workload and resource over the range. */
function summedWorkloads(days: OpenCostWorkloadDay[]): WorkloadUsage[] {
  const sums = new Map<string, { row: WorkloadUsage; reserved: Decimal; actual: Decimal; cost: Decimal }>();
  for (const day of days) {
    const key = JSON.stringify([day.namespace, day.workload, day.resource]);
    const sum = sums.get(key) ?? { row: { namespace: day.namespace, workload: day.workload, resource: day.resource, reserved: "", actual: "", splitCost: "" }, reserved: new Decimal(0), actual: new Decimal(0), cost: new Decimal(0) };
    [sum.reserved, sum.actual, sum.cost] = [sum.reserved.plus(day.reserved), sum.actual.plus(day.actual), sum.cost.plus(day.cost)];
    sums.set(key, sum);
  }
  return [...sums.values()].map(({ row, reserved, actual, cost }) => ({ ...row, reserved: reserved.toFixed(), actual: actual.toFixed(), splitCost: cost.toDecimalPlaces(6).toFixed() }));
}

/** Reserved beyond used first (the split workloads' SQL order), then by name. */
function byUnusedReservation(a: WorkloadUsage, b: WorkloadUsage): number {
  const unused = (row: WorkloadUsage) => new Decimal(row.reserved).minus(row.actual);
  const key = (row: WorkloadUsage) => JSON.stringify([row.namespace ?? "\uffff", row.workload ?? "\uffff", row.resource]);
  return unused(b).comparedTo(unused(a)) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}
