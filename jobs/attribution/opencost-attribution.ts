// Clusters without split data (docs/clusters.md): per day, a cluster's billed instance amounts
// (unblended, amortized, net amortized) are split exactly by OpenCost's allocations' totalCost, each
// allocation going to its owner label's team (aggregate=label:<owner key>), its namespace's owner or
// the cluster's owner, the same rules as pods (cluster-pods.ts); OpenCost's __idle__ goes by the
// cluster's idle policy. The splitting and writing are attribution through pods' own
// (writeClusterParts): a cluster-day stands for the instance and its allocations for the pods.
import { sql, type SQL } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../../db/client";
import type { DayWindow } from "../sync/billing-window";
import type { OwnerTagKeyPeriod } from "../sync/owner-tag-keys";
import { writeClusterParts } from "./attribute-clusters";
import { podDecision, type InstanceGroup, type PodOnInstance } from "./cluster-pods";
import { OPENCOST_CLUSTER, OPENCOST_CLUSTER_DAYS } from "./opencost-lines";
import { ownerValueByDay } from "./rule-match";
import { daysInWindow } from "../sync/days-in-window";

/** The stand-in instance of a cluster's OpenCost split. */
const clusterInstance = (cluster: SQL) => sql`'opencost:' || ${cluster}`;

/** An allocation as attribution sees it: the rule that decides it, like a pod's; `idle` is OpenCost's
 *  __idle__ flag and `policy` the cluster's idle policy. */
export type OpenCostAllocationDecided = Omit<PodOnInstance, "split" | "unused" | "idle"> & {
  idle: boolean;
  policy: PodOnInstance["idle"];
  totalCost: string;
  labelKey: string | null;
  labelValue: string | null;
};

/** The cluster-days' instance amounts, grouped as attribution through pods groups an instance's. */
export function openCostInstanceGroups(tx: DbOrTx, window: DayWindow, lines: SQL): Promise<InstanceGroup[]> {
  return queryRows<InstanceGroup>(
    tx,
    sql`select li.day::text as day, li.account_id as "accountId", li.service, li.record_type as "recordType", acct.environment::text as environment,
          ${clusterInstance(sql`li.cluster`)} as instance, sum(li.unblended_cost)::text as unblended, sum(li.amortized_cost)::text as amortized, sum(li.net_amortized_cost)::text as "netAmortized"
        from (select li.day, li.account_id, li.service, li.record_type, li.unblended_cost, li.amortized_cost, li.net_amortized_cost, ${OPENCOST_CLUSTER} as cluster
              from cost_line_items li where ${daysInWindow(window, "li")} and ${lines} offset 0) li
        left join accounts acct on acct.id = li.account_id
        group by 1, 2, 3, 4, 5, 6 order by 1, 6, 2, 3, 4`,
  );
}

/** The window's allocations (of the cluster-days in opencost_cluster_days) with the team their rules give. */
export async function decidedAllocations(tx: DbOrTx, window: DayWindow, keyPeriods: OwnerTagKeyPeriod[], cluster?: string): Promise<OpenCostAllocationDecided[]> {
  const labelAsTag = (key: string) => sql`(case when a.label_key = ${key} then a.label_value end)`;
  const rows = await queryRows<Omit<OpenCostAllocationDecided, "policy" | "idle"> & { isIdle: boolean; idle: PodOnInstance["idle"] }>(
    tx,
    sql`with pods as (
          select a.day, a.cluster, a.name, a.namespace, a.label_key, a.label_value, a.idle, a.total_cost, ${ownerValueByDay(keyPeriods, labelAsTag, sql`a.day`)} as owner_value
          from opencost_allocations a join ${sql.raw(OPENCOST_CLUSTER_DAYS)} o on o.day = a.day and o.cluster = a.cluster
          where ${daysInWindow(window, "a")} ${cluster === undefined ? sql`` : sql`and a.cluster = ${cluster}`}
        )
        select p.day::text as day, ${clusterInstance(sql`p.cluster`)} as instance, p.name as pod, p.cluster, p.namespace, null::text as workload, p.owner_value as "ownerLabel",
               p.idle as "isIdle", trim_scale(p.total_cost)::text as "totalCost", p.label_key as "labelKey", p.label_value as "labelValue", ${podDecision.columns}
        from pods p ${podDecision.joins}
        order by 1, 2, 3`,
  );
  // "idle" from podDecision is the cluster's idle policy; the allocation's own flag is "isIdle".
  return rows.map(({ isIdle, idle, ...row }) => ({ ...row, policy: idle, idle: isIdle }));
}

/** As pods: a non-idle allocation weighs by its totalCost; a cluster-day's __idle__ rides as the unused
 *  weight of its first allocation (its part then goes by the cluster's idle policy), or alone when there is none. */
export function allocationsAsPods(allocations: OpenCostAllocationDecided[]): PodOnInstance[] {
  const pods: PodOnInstance[] = [];
  const byDay = new Map<string, OpenCostAllocationDecided[]>();
  for (const allocation of allocations) byDay.set(`${allocation.day}|${allocation.instance}`, [...(byDay.get(`${allocation.day}|${allocation.instance}`) ?? []), allocation]);
  for (const day of byDay.values()) {
    const idle = day.filter((a) => a.idle).reduce((sum, a) => sum.plus(a.totalCost), new Decimal(0));
    const used = day.filter((a) => !a.idle);
    const asPod = ({ policy, idle: _idle, totalCost: _total, labelKey: _key, labelValue: _value, ...a }: OpenCostAllocationDecided, split: string, unused: string): PodOnInstance => ({ ...a, idle: policy, split, unused });
    if (used.length === 0) pods.push(asPod(day[0]!, "0", idle.toFixed()));
    used.forEach((a, i) => pods.push(asPod(a, a.totalCost, i === 0 ? idle.toFixed() : "0")));
  }
  return pods;
}

export async function attributeOpenCost(tx: DbOrTx, window: DayWindow, runId: number, keyPeriods: OwnerTagKeyPeriod[], lines: SQL): Promise<{ rows: number }> {
  const groups = await openCostInstanceGroups(tx, window, lines);
  if (groups.length === 0) return { rows: 0 };
  return writeClusterParts(tx, runId, groups, allocationsAsPods(await decidedAllocations(tx, window, keyPeriods)), "opencost");
}
