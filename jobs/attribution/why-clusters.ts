// "Why is this dollar on my team?" for costs that came through a cluster's pods: per cluster and
// namespace, the rule that decided (the pod's owner label and tag rule, the namespace or cluster
// rule with its version) and the pods behind it with their labels and split cost that day; for idle
// cost, the cluster's policy.
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../../db/client";
import { addDays } from "../../db/calendar";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { ownerTagKeyPeriods } from "../sync/owner-tag-keys";
import { prepareClusterLines } from "./cluster-lines";
import { podsOnInstances } from "./cluster-pods";
import type { WhyCell } from "./why";
import { allocationsBehind } from "./why-opencost";

const MAX_PODS = 25;

export async function explainClusters(db: DbOrTx, cell: WhyCell) {
  const decisions = await queryRows<{
    cluster: string; namespace: string | null; decidedBy: string; clusterRuleId: number | null; ruleKind: string | null; ruleCluster: string | null;
    ruleNamespace: string | null; idle: string | null; validFrom: string | null; versionId: number | null; amortized: string; basis: "split" | "opencost";
  }>(
    db,
    sql`select ac.cluster, ac.namespace, ac.decided_by as "decidedBy", ac.cluster_rule_id as "clusterRuleId", cr.kind as "ruleKind", cr.cluster as "ruleCluster",
          cr.namespace as "ruleNamespace", cr.idle, cr.valid_from::text as "validFrom", cr.version_id as "versionId", sum(ac.amortized_cost)::text as amortized,
          coalesce(ac.cluster_basis, 'split') as basis
        from attributed_costs ac left join cluster_rules cr on cr.id = ac.cluster_rule_id
        where ac.team_id = ${cell.teamId} and ac.day = ${cell.day}::date and ac.cluster is not null
          ${cell.service ? sql`and ac.service = ${cell.service}` : sql``} ${cell.accountId ? sql`and ac.account_id = ${cell.accountId}` : sql``}
        group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12 order by sum(ac.amortized_cost) desc`,
  );
  if (decisions.length === 0) return [];
  const window = { start: cell.day, end: addDays(cell.day, 1) };
  // The pods as attribution saw them (temporary tables: one transaction, or a savepoint in the caller's).
  const pods = await db.transaction(async (tx) => ((await prepareClusterLines(tx, window)) ? podsOnInstances(tx, window, await ownerTagKeyPeriods(tx, window)) : []));
  const allocations = decisions.some((decision) => decision.basis === "opencost") ? await allocationsBehind(db, cell.teamId, cell.day) : [];
  const mine = pods.filter((pod) => (pod.teamId ?? UNATTRIBUTED_TEAM_ID) === cell.teamId);
  return decisions.map((decision) => ({
    ...decision,
    // OpenCost's allocations that weighed this decision (its namespace or label; the __idle__ for idle).
    allocations:
      decision.basis === "opencost"
        ? allocations
            .filter((a) => a.cluster === decision.cluster && a.decidedBy === decision.decidedBy && (decision.decidedBy === "idle" || a.namespace === decision.namespace))
            .map(({ cluster: _cluster, decidedBy: _decidedBy, ...a }) => a)
        : [],
    pods:
      decision.decidedBy === "idle" || decision.basis === "opencost"
        ? []
        : mine
            .filter((pod) => pod.cluster === decision.cluster && pod.namespace === decision.namespace && pod.decidedBy === decision.decidedBy)
            .sort((a, b) => new Decimal(b.split).comparedTo(a.split))
            .slice(0, MAX_PODS)
            .map((pod) => ({ pod: pod.pod, workload: pod.workload, label: pod.ownerLabel, instance: pod.instance, splitCost: pod.split, unusedCost: pod.unused })),
  }));
}
