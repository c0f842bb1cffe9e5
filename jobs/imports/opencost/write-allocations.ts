// Stores a cluster's OpenCost allocations: the cluster-days the files cover are replaced as a whole
// (a re-import of the same days gives the same rows), inside the caller's transaction.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { opencostAllocations, opencostWorkloads } from "../../../db/schema";
import { UNALLOCATED_NAME, type OpenCostAllocation } from "./parse-allocations";

const INSERT_CHUNK = 500;

export async function replaceClusterDays(tx: DbOrTx, cluster: string, allocations: OpenCostAllocation[]): Promise<{ days: string[]; rows: number }> {
  const days = [...new Set(allocations.map((allocation) => allocation.day))].sort();
  if (days.length > 0) await tx.delete(opencostAllocations).where(and(eq(opencostAllocations.cluster, cluster), inArray(opencostAllocations.day, days)));
  for (let i = 0; i < allocations.length; i += INSERT_CHUNK) await tx.insert(opencostAllocations).values(allocations.slice(i, i + INSERT_CHUNK));
  return { days, rows: allocations.length };
}

/** The workloads of a cluster's workload answers (aggregate=namespace,controller): the cluster-days they cover replaced, idle and unallocated left out. */
export async function replaceWorkloadDays(tx: DbOrTx, cluster: string, allocations: OpenCostAllocation[]): Promise<{ days: string[]; rows: number }> {
  const days = [...new Set(allocations.map((allocation) => allocation.day))].sort();
  if (days.length > 0) await tx.delete(opencostWorkloads).where(and(eq(opencostWorkloads.cluster, cluster), inArray(opencostWorkloads.day, days)));
  const workloads = allocations
    .filter((a) => !a.idle && a.name.split("/").at(-1) !== UNALLOCATED_NAME)
    .map((a) => ({
      cluster, day: a.day, name: a.name, workload: a.name.split("/").at(-1)!, namespace: a.namespace, cpuCost: a.cpuCost, ramCost: a.ramCost, totalCost: a.totalCost,
      cpuCoreRequestAverage: a.cpuCoreRequestAverage, cpuCoreUsageAverage: a.cpuCoreUsageAverage, ramByteRequestAverage: a.ramByteRequestAverage,
      ramByteUsageAverage: a.ramByteUsageAverage, minutes: a.minutes, sourceFile: a.sourceFile,
    }));
  for (let i = 0; i < workloads.length; i += INSERT_CHUNK) await tx.insert(opencostWorkloads).values(workloads.slice(i, i + INSERT_CHUNK));
  return { days, rows: workloads.length };
}
