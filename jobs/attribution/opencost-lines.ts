// Which EC2 instance lines are split by OpenCost's allocations (docs/clusters.md, "Clusters without
// split data"): instance lines (resource id i-...) of a cluster-day with OpenCost allocations to weigh
// by, the cluster named by the instance's tags (aws:eks:cluster-name, or a kubernetes.io/cluster/<name>
// key valued owned or shared), and not already attributed through pods (split data wins). Those lines
// leave the ordinary pass for opencost-attribution.ts: never a dollar twice.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import type { DayWindow } from "../sync/billing-window";
import { daysInWindow } from "../sync/days-in-window";
import { athenaName } from "../imports/aws-tag-keys";

export const OPENCOST_CLUSTER_DAYS = "opencost_cluster_days";

/** The OpenCost cluster an instance line (alias li) belongs to that day: its EKS cluster tag first, then the lowest kubernetes.io/cluster/ name
 *  (or its Athena layout spelling, athena_key: kubernetes_io_cluster_<name> lowercased with underscores); null for none. */
export const OPENCOST_CLUSTER = sql`(select o.cluster from ${sql.raw(OPENCOST_CLUSTER_DAYS)} o where o.day = li.day
  and (o.cluster = li.tags ->> 'aws:eks:cluster-name' or coalesce(li.tags ->> ('kubernetes.io/cluster/' || o.cluster), li.tags ->> o.athena_key) in ('owned', 'shared'))
  order by (o.cluster = li.tags ->> 'aws:eks:cluster-name') desc nulls last, o.cluster limit 1)`;

/** Fills opencost_cluster_days for the window (the cluster-days whose allocations have a positive
 *  total to weigh by); returns the condition (alias li) true for the instance lines they split, or
 *  null when the window has none. `throughPods`: the lines attributed through pods, left to them. */
export async function prepareOpenCostLines(tx: DbOrTx, window: DayWindow, throughPods: SQL | null): Promise<SQL | null> {
  await tx.execute(sql.raw(`drop table if exists ${OPENCOST_CLUSTER_DAYS}`));
  await tx.execute(sql`
    create temp table ${sql.raw(OPENCOST_CLUSTER_DAYS)} on commit drop as
    select a.day, a.cluster, null::text as athena_key from opencost_allocations a
    where ${daysInWindow(window, "a")}
    group by 1, 2 having sum(greatest(a.total_cost, 0)) > 0`);
  const clusters = await queryRows<{ cluster: string }>(tx, sql.raw(`select distinct cluster from ${OPENCOST_CLUSTER_DAYS}`));
  if (clusters.length === 0) return null;
  const athenaKeys = clusters.map(({ cluster }) => sql`(${cluster}, ${athenaName(`kubernetes.io/cluster/${cluster}`)})`);
  await tx.execute(sql`update ${sql.raw(OPENCOST_CLUSTER_DAYS)} o set athena_key = k.key from (values ${sql.join(athenaKeys, sql`, `)}) k(cluster, key) where k.cluster = o.cluster`);
  // coalesce: a line without a resource id is not an instance (null would drop it from the ordinary pass too)
  return sql`(coalesce(li.resource_id like 'i-%', false) and li.parent_resource_id is null ${throughPods ? sql`and not ${throughPods}` : sql``} and ${OPENCOST_CLUSTER} is not null)`;
}
