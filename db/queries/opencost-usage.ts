// Requested against used vCPU and memory per namespace for a cluster split by OpenCost (docs/clusters.md):
// from its allocations' request and usage averages over their minutes, in the units of split data
// (vCPU-hours; GB-hours as GiB, 2^30 bytes), so the Clusters page reads both kinds of cluster alike.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";

export interface NamespaceUsage {
  namespace: string | null;
  resource: "vCPU" | "memory";
  reserved: string;
  actual: string;
}

const hours = (average: string) => sql.raw(`coalesce(sum(a.${average} * a.minutes / 60), 0)`);
const GIB = 1024 ** 3;

export function openCostUsage(db: DbOrTx, cluster: string, from: string, to: string): Promise<NamespaceUsage[]> {
  return queryRows<NamespaceUsage>(
    db,
    sql`select namespace, resource, trim_scale(round(reserved, 6))::text as reserved, trim_scale(round(actual, 6))::text as actual from (
          select a.namespace, 'vCPU' as resource, ${hours("cpu_core_request_average")} as reserved, ${hours("cpu_core_usage_average")} as actual
          from opencost_allocations a where a.cluster = ${cluster} and a.day >= ${from}::date and a.day <= ${to}::date and not a.idle and a.minutes is not null group by 1
          union all
          select a.namespace, 'memory', ${hours("ram_byte_request_average")} / ${GIB}, ${hours("ram_byte_usage_average")} / ${GIB}
          from opencost_allocations a where a.cluster = ${cluster} and a.day >= ${from}::date and a.day <= ${to}::date and not a.idle and a.minutes is not null group by 1
        ) u where reserved <> 0 or actual <> 0 order by 1, 2`,
  );
}
