// Stores a cluster's OpenCost allocations: the cluster-days the files cover are replaced as a whole
// (a re-import of the same days gives the same rows), inside the caller's transaction.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { opencostAllocations } from "../../../db/schema";
import type { OpenCostAllocation } from "./parse-allocations";

const INSERT_CHUNK = 500;

export async function replaceClusterDays(tx: DbOrTx, cluster: string, allocations: OpenCostAllocation[]): Promise<{ days: string[]; rows: number }> {
  const days = [...new Set(allocations.map((allocation) => allocation.day))].sort();
  if (days.length > 0) await tx.delete(opencostAllocations).where(and(eq(opencostAllocations.cluster, cluster), inArray(opencostAllocations.day, days)));
  for (let i = 0; i < allocations.length; i += INSERT_CHUNK) await tx.insert(opencostAllocations).values(allocations.slice(i, i + INSERT_CHUNK));
  return { days, rows: allocations.length };
}
