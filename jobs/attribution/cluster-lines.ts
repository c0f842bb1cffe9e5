// Which EC2 instance lines are attributed through their pods (docs/clusters.md): an instance in an
// hour where split lines name it as their parent, with a positive split + unused cost to weigh its
// pods by. Those lines leave the ordinary pass (never attributed twice, pod-instance-lines.ts) for
// attribute-clusters.ts.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { createScratchTable } from "../../db/scratch-table";
import type { DayWindow } from "../sync/billing-window";
import { daysInWindow } from "../sync/days-in-window";

export const CLUSTER_INSTANCE_HOURS = "cluster_instance_hours";

/** Fills cluster_instance_hours for the window (one scan of its lines): every hour of an instance its
 *  split lines name, `weighed` when their split + unused cost is positive; false when none is.
 *  `forWorkers`: one that parallel workers can read (db/scratch-table.ts); the caller then drops it before its transaction commits. */
export async function prepareClusterLines(tx: DbOrTx, window: DayWindow, forWorkers = false): Promise<boolean> {
  await createScratchTable(
    tx,
    CLUSTER_INSTANCE_HOURS,
    sql`select li.day, li.usage_hour, li.parent_resource_id as instance, sum(coalesce(li.split_cost, 0) + coalesce(li.unused_cost, 0)) > 0 as weighed
        from cost_line_items li
        where ${daysInWindow(window, "li")} and li.parent_resource_id is not null and li.usage_hour is not null
        group by 1, 2, 3`,
    forWorkers,
  );
  const [count] = await queryRows<{ n: number }>(tx, sql.raw(`select count(*) filter (where weighed)::int as n from ${CLUSTER_INSTANCE_HOURS}`));
  if (!count?.n) {
    await tx.execute(sql.raw(`drop table ${CLUSTER_INSTANCE_HOURS}`));
    return false;
  }
  return true;
}

/** True for an instance line (alias li) of an hour cluster_instance_hours holds: it goes through its pods. */
export const instanceLineThroughPods = sql`(li.usage_hour is not null and li.parent_resource_id is null and exists (select 1 from ${sql.raw(CLUSTER_INSTANCE_HOURS)} c
  where c.day = li.day and c.usage_hour = li.usage_hour and c.instance = li.resource_id and c.weighed))`;
/** The instance lines cluster_instance_hours holds (alias li), on their hours. */
export const instanceLinesJoin = sql`join ${sql.raw(CLUSTER_INSTANCE_HOURS)} c on c.day = li.day and c.usage_hour = li.usage_hour and c.instance = li.resource_id and c.weighed and li.parent_resource_id is null`;
/** The split lines of the weighed instance-hours (alias li): a join, and a condition. When every hour
 *  is weighed (AWS's data always is), no join: a scan that reads a temp table cannot run in parallel. */
export async function podLines(tx: DbOrTx): Promise<{ join: SQL; condition: SQL }> {
  const [hours] = await queryRows<{ weighed: boolean }>(tx, sql.raw(`select bool_and(weighed) as weighed from ${CLUSTER_INSTANCE_HOURS}`));
  if (hours?.weighed) return { join: sql``, condition: sql`li.parent_resource_id is not null and li.usage_hour is not null` };
  return {
    join: sql`join ${sql.raw(CLUSTER_INSTANCE_HOURS)} c on c.day = li.day and c.usage_hour = li.usage_hour and c.instance = li.parent_resource_id and c.weighed`,
    condition: sql`true`,
  };
}

/** The cluster and namespace a split line's AWS-managed tags name (an ECS service stands for a namespace). */
export const CLUSTER_TAG = sql`coalesce(li.tags ->> 'aws:eks:cluster-name', li.tags ->> 'aws:ecs:clusterName')`;
export const NAMESPACE_TAG = sql`coalesce(li.tags ->> 'aws:eks:namespace', li.tags ->> 'aws:ecs:serviceName')`;
