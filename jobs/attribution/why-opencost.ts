// "Why is this dollar on my team?" for a cluster split by OpenCost: the day's allocations behind each
// decision (name, namespace or label, OpenCost's costs and efficiency), with the team their rules give.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { addDays } from "../../db/calendar";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { ownerTagKeyPeriods } from "../sync/owner-tag-keys";
import { prepareOpenCostLines } from "./opencost-lines";
import { decidedAllocations } from "./opencost-attribution";

export interface AllocationBehind {
  cluster: string;
  namespace: string | null;
  decidedBy: string;
  name: string;
  label: string | null;
  idle: boolean;
  totalCost: string;
  cpuCost: string;
  ramCost: string;
  gpuCost: string;
  pvCost: string;
  networkCost: string;
  cpuEfficiency: string | null;
  ramEfficiency: string | null;
}

/** The team's allocations that day (or, for its idle part, the cluster's __idle__), as attribution decided them. */
export async function allocationsBehind(db: DbOrTx, teamId: string, day: string): Promise<AllocationBehind[]> {
  const window = { start: day, end: addDays(day, 1) };
  const decided = await db.transaction(async (tx) => ((await prepareOpenCostLines(tx, window, null)) ? decidedAllocations(tx, window, await ownerTagKeyPeriods(tx, window)) : []));
  if (decided.length === 0) return [];
  const figures = await queryRows<Omit<AllocationBehind, "namespace" | "decidedBy" | "label" | "idle" | "totalCost">>(
    db,
    sql`select cluster, name, trim_scale(cpu_cost)::text as "cpuCost", trim_scale(ram_cost)::text as "ramCost", trim_scale(gpu_cost)::text as "gpuCost",
          trim_scale(pv_cost)::text as "pvCost", trim_scale(network_cost)::text as "networkCost", trim_scale(cpu_efficiency)::text as "cpuEfficiency", trim_scale(ram_efficiency)::text as "ramEfficiency"
        from opencost_allocations where day = ${day}::date`,
  );
  const byName = new Map(figures.map((row) => [`${row.cluster} ${row.name}`, row]));
  return decided
    .filter((a) => a.idle || (a.teamId ?? UNATTRIBUTED_TEAM_ID) === teamId)
    .map((a) => ({
      ...byName.get(`${a.cluster} ${a.pod}`)!,
      namespace: a.namespace, decidedBy: a.idle ? "idle" : a.decidedBy, label: a.labelKey === null ? null : `${a.labelKey}=${a.labelValue}`, idle: a.idle, totalCost: a.totalCost,
    }));
}
