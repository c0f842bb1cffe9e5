// The inputs of attribution through pods, read in SQL: each instance's billed amounts over the hours
// its pods cover, and each pod's (or task's) split and unused cost on it that day with the owner its
// rules give: its own owner label (the owner-tag spellings and tag rules, in force that day), then
// the namespace's owner (in its cluster, then in every cluster), then the cluster's owner.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { groupedByHashing } from "../../db/grouped-by-hashing";
import type { IdlePolicy } from "../../db/schema";
import type { DayWindow } from "../sync/billing-window";
import type { OwnerTagKeyPeriod } from "../sync/owner-tag-keys";
import { CLUSTER_TAG, NAMESPACE_TAG, podLines } from "./cluster-lines";
import { POD_INSTANCE_LINES } from "./pod-instance-lines";
import { lineTag, ownerValueByDay, ruleInForce } from "./rule-match";
import { daysInWindow } from "../sync/days-in-window";

export interface InstanceGroup {
  day: string;
  accountId: string;
  service: string;
  recordType: string;
  environment: string | null;
  instance: string;
  unblended: string;
  amortized: string;
  netAmortized: string;
}

/** What the split of an instance's amounts reads of a pod on it (attribute-clusters.ts). */
export interface PodPart {
  day: string;
  instance: string;
  cluster: string | null;
  namespace: string | null;
  split: string;
  unused: string;
  teamId: string | null;
  decidedBy: "pod-label" | "namespace" | "cluster" | "unattributed";
  ruleId: number | null;
  clusterRuleId: number | null;
  /** The cluster's rule in force that day (its idle policy), whoever decided the pod. */
  clusterPolicyRuleId: number | null;
  clusterOwner: string | null;
  idle: IdlePolicy | null;
}

export interface PodOnInstance extends PodPart {
  pod: string;
  workload: string | null;
  /** The owner-tag value (pod label or task tag) the pod carries, normalised. */
  ownerLabel: string | null;
}

// The first rule in force that day of each kind, for the keys of alias `p`: its owner label's tag
// rule, its namespace's owner (in its cluster, then in every cluster), its cluster's owner.
const labelRule = (p: string) => sql`select r.id, r.team_id from ownership_rules r where r.kind = 'tag' and r.tag_value = ${sql.raw(p)}.owner_value and ${ruleInForce("r", p)}
  order by r.priority, r.id limit 1`;
const namespaceRule = (p: string) => sql`select r.id, r.team_id from cluster_rules r where r.kind = 'namespace' and r.namespace = ${sql.raw(p)}.namespace
  and (r.cluster is null or r.cluster = ${sql.raw(p)}.cluster) and ${ruleInForce("r", p)} order by r.priority, r.id limit 1`;
const clusterRule = (p: string) => sql`select r.id, r.team_id, r.idle from cluster_rules r where r.kind = 'cluster' and r.cluster = ${sql.raw(p)}.cluster and ${ruleInForce("r", p)}
  order by r.priority, r.id limit 1`;

/** Who a pod gets (alias p: day, cluster, namespace, owner_value), first match in force that day: its
 *  owner label's tag rule, its namespace's owner (in its cluster, then in every cluster), its cluster's
 *  owner; the columns of PodOnInstance from "teamId" on (over aliases label, ns and cl), and the lateral joins they read. */
export const podDecision = {
  columns: sql`coalesce(label.team_id, ns.team_id, cl.team_id) as "teamId",
    case when label.id is not null then 'pod-label' when ns.id is not null then 'namespace' when cl.team_id is not null then 'cluster' else 'unattributed' end as "decidedBy",
    label.id as "ruleId", case when label.id is null then coalesce(ns.id, case when cl.team_id is not null then cl.id end) end as "clusterRuleId",
    cl.id as "clusterPolicyRuleId", cl.team_id as "clusterOwner", cl.idle`,
  joins: sql`left join lateral (${labelRule("p")}) label on true
    left join lateral (${namespaceRule("p")}) ns on true
    left join lateral (${clusterRule("p")}) cl on true`,
};

/** The same decision for the rows of `pods` (alias p), each kind's rule looked up once per distinct key
 *  (day and label, day and namespace, day and cluster: hundreds) rather than per pod-day (tens of
 *  thousands), then hash-joined back: named queries to put in a `with`, and the joins. */
const podDecisionByKeys = (pods: string) => ({
  queries: sql`label as materialized (select k.day, k.owner_value, r.* from (select distinct day, owner_value from ${sql.raw(pods)} where owner_value is not null) k
                 cross join lateral (${labelRule("k")}) r),
    ns as materialized (select k.day, k.cluster, k.namespace, r.* from (select distinct day, cluster, namespace from ${sql.raw(pods)} where namespace is not null) k
             cross join lateral (${namespaceRule("k")}) r),
    cl as materialized (select k.day, k.cluster, r.* from (select distinct day, cluster from ${sql.raw(pods)} where cluster is not null) k cross join lateral (${clusterRule("k")}) r)`,
  joins: sql`left join label on label.day = p.day and label.owner_value = p.owner_value
    left join ns on ns.day = p.day and ns.namespace = p.namespace and ns.cluster is not distinct from p.cluster
    left join cl on cl.day = p.day and cl.cluster = p.cluster`,
});

/** Each instance's billed amounts over the hours its pods cover, per day and record type: from the
 *  lines pod-instance-lines.ts set apart (no second scan). */
export function instanceGroups(tx: DbOrTx): Promise<InstanceGroup[]> {
  return queryRows<InstanceGroup>(
    tx,
    sql`select li.day::text as day, li.account_id as "accountId", li.service, li.record_type as "recordType", acct.environment::text as environment,
          li.instance, sum(li.unblended)::text as unblended, sum(li.amortized)::text as amortized, sum(li.net_amortized)::text as "netAmortized"
        from ${sql.raw(POD_INSTANCE_LINES)} li left join accounts acct on acct.id = li.account_id
        group by 1, 2, 3, 4, 5, 6 order by 1, 6, 2, 3, 4`,
  );
}

export function podsOnInstances(tx: DbOrTx, window: DayWindow, keyPeriods: OwnerTagKeyPeriod[]): Promise<PodOnInstance[]>;
/** `parts`: only what the split reads (attribution), in the same order: no pod ARN, workload or label to send and keep. */
export function podsOnInstances(tx: DbOrTx, window: DayWindow, keyPeriods: OwnerTagKeyPeriod[], parts: "parts"): Promise<PodPart[]>;
export async function podsOnInstances(tx: DbOrTx, window: DayWindow, keyPeriods: OwnerTagKeyPeriod[], parts?: "parts"): Promise<PodPart[]> {
  // Planned by sorting, the window's every line was sorted on disk to merge-join the hours.
  // The pods of 10M lines hash to about 130 MB: with the caller's work_mem they spilled to disk.
  return groupedByHashing(tx, () => podsQuery(tx, window, keyPeriods, parts), "256MB");
}

async function podsQuery(tx: DbOrTx, window: DayWindow, keyPeriods: OwnerTagKeyPeriod[], parts?: "parts"): Promise<PodPart[]> {
  const lines = await podLines(tx);
  const decision = podDecisionByKeys("pods");
  return queryRows<PodOnInstance>(
    tx,
    sql`with pods as materialized (
          select li.day, li.parent_resource_id as instance, li.resource_id as pod, ${CLUSTER_TAG} as cluster, ${NAMESPACE_TAG} as namespace,
                 ${ownerValueByDay(keyPeriods, lineTag, sql`li.day`)} as owner_value, li.tags ->> 'aws:eks:workload-name' as workload,
                 sum(coalesce(li.split_cost, 0)) as split, sum(coalesce(li.unused_cost, 0)) as unused
          from cost_line_items li ${lines.join}
          where ${daysInWindow(window, "li")} and li.parent_resource_id is not null and ${lines.condition}
          group by 1, 2, 3, 4, 5, 6, 7
        ), ${decision.queries}
        select p.day::text as day, p.instance, ${parts ? sql`` : sql`p.pod, p.workload, p.owner_value as "ownerLabel",`} p.cluster, p.namespace, trim_scale(p.split)::text as split, trim_scale(p.unused)::text as unused,
               ${podDecision.columns}
        from pods p ${decision.joins}
        order by p.day::text, p.instance, p.pod`,
  );
}

