// Attribution through pods (docs/clusters.md). Each instance's billed amounts over the hours its pods
// cover are split exactly (largest remainder as split-pool.ts does, on BigInt units: split-units.ts) by the pods' split cost and unused cost:
// a pod's split part goes to the team its rules give, the unused parts pool per cluster and day and
// go by the cluster's idle policy: to its owner, proportional to the teams' split parts, or even.
// The instance's billed amounts are what is handed out, so attributed = billed to the cent even when
// AWS's split figures do not add up (the import reports that as split-mismatch).
import type { DbOrTx } from "../../db/client";
import { sql } from "drizzle-orm";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import type { DayWindow } from "../sync/billing-window";
import type { OwnerTagKeyPeriod } from "../sync/owner-tag-keys";
import { instanceGroups, podsOnInstances, type InstanceGroup, type PodOnInstance } from "./cluster-pods";
import { formatUnits, splitUnits, toUnits, unitBases, weightBases } from "./split-units";

const INSERT_CHUNK = 10_000;
const COLUMNS = [
  "day", "team_id", "account_id", "service", "record_type", "environment", "unblended_cost", "amortized_cost", "net_amortized_cost",
  "rule_id", "decided_by", "cluster", "namespace", "cluster_rule_id", "cluster_basis", "run_id",
] as const;
/** Unblended, amortized and net amortized, in units (split-units.ts). */
type Amounts = [bigint, bigint, bigint];
/** An attributed_costs row under its column names. */
type Row = Record<(typeof COLUMNS)[number], string | number | null>;

/** Amounts summed per key, with the row the key stands for. */
class Totals<T> {
  readonly entries = new Map<string, { of: T; sums: Amounts }>();
  add(key: string, of: () => T, amounts: bigint[]): void {
    const entry = this.entries.get(key);
    if (entry === undefined) this.entries.set(key, { of: of(), sums: [amounts[0]!, amounts[1]!, amounts[2]!] });
    else for (let i = 0; i < 3; i++) entry.sums[i] = entry.sums[i]! + amounts[i]!;
  }
}

type Place = Pick<InstanceGroup, "day" | "accountId" | "service" | "recordType" | "environment">;
type Decided = Pick<PodOnInstance, "teamId" | "ruleId" | "clusterRuleId" | "cluster" | "namespace"> & { decidedBy: PodOnInstance["decidedBy"] | "idle" };
type IdleGroup = Place & Pick<PodOnInstance, "cluster" | "clusterPolicyRuleId" | "clusterOwner" | "idle">;

/** The pods on one instance that day, in the order given, with their weights and keys worked out once. */
interface InstancePods {
  pods: PodOnInstance[];
  /** Split weights then unused weights, as bases (split-units.ts). */
  bases: bigint[];
  /** Per pod, what its split part's row is keyed by beside the place, and its idle pool's. */
  decidedKeys: string[];
  idleKeys: string[];
}

function instancePods(pods: PodOnInstance[]): Map<string, InstancePods> {
  const byInstance = new Map<string, PodOnInstance[]>();
  for (const pod of pods) {
    const key = `${pod.day}|${pod.instance}`;
    const onIt = byInstance.get(key);
    if (onIt === undefined) byInstance.set(key, [pod]);
    else onIt.push(pod);
  }
  const result = new Map<string, InstancePods>();
  for (const [key, onIt] of byInstance) {
    result.set(key, {
      pods: onIt,
      bases: weightBases([...onIt.map((p) => p.split), ...onIt.map((p) => p.unused)]),
      decidedKeys: onIt.map((p) => JSON.stringify([p.teamId ?? UNATTRIBUTED_TEAM_ID, p.decidedBy, p.ruleId, p.clusterRuleId, p.cluster, p.namespace])),
      idleKeys: onIt.map((p) => JSON.stringify([p.cluster, p.clusterPolicyRuleId, p.clusterOwner, p.idle])),
    });
  }
  return result;
}

export async function attributeClusters(tx: DbOrTx, window: DayWindow, runId: number, keyPeriods: OwnerTagKeyPeriod[]): Promise<{ rows: number }> {
  const groups = await instanceGroups(tx);
  if (groups.length === 0) return { rows: 0 };
  return writeClusterParts(tx, runId, groups, await podsOnInstances(tx, window, keyPeriods));
}

/** Hands each group's billed amounts to the pods on its instance that day (and their unused parts to
 *  the cluster's idle policy) and writes the attributed rows. OpenCost clusters come here too
 *  (opencost-attribution.ts): a cluster-day is their "instance", its allocations their "pods". */
export async function writeClusterParts(tx: DbOrTx, runId: number, groups: InstanceGroup[], pods: PodOnInstance[], basis: "split" | "opencost" = "split"): Promise<{ rows: number }> {
  const podsOf = instancePods(pods);
  const direct = new Totals<Place & Decided>();
  const idle = new Totals<IdleGroup>();
  const teamBasis = new Map<string, Map<string, bigint>>(); // day|cluster -> team -> split (amortized) part
  for (const group of groups) {
    const onIt = podsOf.get(`${group.day}|${group.instance}`) ?? { pods: [], bases: [], decidedKeys: [], idleKeys: [] };
    const splits = [group.unblended, group.amortized, group.netAmortized].map((amount) => splitUnits(toUnits(amount), onIt.bases));
    const part = (i: number) => [splits[0]![i]!, splits[1]![i]!, splits[2]![i]!];
    const place: Place = { day: group.day, accountId: group.accountId, service: group.service, recordType: group.recordType, environment: group.environment };
    const placeKey = JSON.stringify([group.day, group.accountId, group.service, group.recordType, group.environment]);
    const count = onIt.pods.length;
    onIt.pods.forEach((pod, i) => {
      const teamId = pod.teamId ?? UNATTRIBUTED_TEAM_ID;
      const podPart = part(i);
      direct.add(`${placeKey}\n${onIt.decidedKeys[i]}`, () => ({ ...place, teamId, decidedBy: pod.decidedBy, ruleId: pod.ruleId, clusterRuleId: pod.clusterRuleId, cluster: pod.cluster, namespace: pod.namespace }), podPart);
      const basisKey = `${group.day}|${pod.cluster}`;
      const teams = teamBasis.get(basisKey) ?? new Map<string, bigint>();
      teams.set(teamId, (teams.get(teamId) ?? 0n) + podPart[1]!);
      teamBasis.set(basisKey, teams);
      idle.add(`${placeKey}\n${onIt.idleKeys[i]}`, () => ({ ...place, cluster: pod.cluster, clusterPolicyRuleId: pod.clusterPolicyRuleId, clusterOwner: pod.clusterOwner, idle: pod.idle }), part(count + i));
    });
  }

  const rows: Row[] = [];
  const push = (of: Place & Decided, parts: bigint[]) => {
    if (parts.every((part) => part === 0n)) return;
    const [unblended, amortized, netAmortized] = parts.map(formatUnits); // 0.020 -> 0.02, as sums are stored
    rows.push({
      day: of.day, team_id: of.teamId!, account_id: of.accountId, service: of.service, record_type: of.recordType, environment: of.environment,
      unblended_cost: unblended!, amortized_cost: amortized!, net_amortized_cost: netAmortized!,
      rule_id: of.ruleId, decided_by: of.decidedBy, cluster: of.cluster, namespace: of.namespace, cluster_rule_id: of.clusterRuleId, cluster_basis: basis, run_id: runId,
    });
  };
  for (const { of, sums } of direct.entries.values()) push(of, sums);
  for (const { of, sums } of idle.entries.values()) {
    for (const [teamId, amounts] of idleShares(of, teamBasis.get(`${of.day}|${of.cluster}`) ?? new Map(), sums)) {
      push({ ...of, teamId, decidedBy: "idle", ruleId: null, clusterRuleId: of.clusterPolicyRuleId, namespace: null }, amounts);
    }
  }
  // One JSON parameter per chunk: building a many-row insert statement value by value took longer than running it.
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.execute(sql`
      insert into attributed_costs (${sql.raw(COLUMNS.join(", "))})
      select ${sql.raw(COLUMNS.join(", "))} from json_populate_recordset(null::attributed_costs, ${JSON.stringify(rows.slice(i, i + INSERT_CHUNK))}::json)`);
  }
  return { rows: rows.length };
}

/** A cluster-day's idle amounts by its policy: its owner (unattributed without one), or the teams
 *  with pods on it that day, proportional to their split parts (even when none is positive) or even. */
function idleShares(of: IdleGroup, basis: Map<string, bigint>, amounts: bigint[]): [string, bigint[]][] {
  const policy = of.idle ?? "proportional";
  if (policy === "owner") return [[of.clusterOwner ?? UNATTRIBUTED_TEAM_ID, amounts]];
  const teams = [...basis.keys()].sort();
  if (teams.length === 0) return [[of.clusterOwner ?? UNATTRIBUTED_TEAM_ID, amounts]];
  const bases = unitBases(teams.map((team) => basis.get(team)!));
  const splits = amounts.map((amount) => splitUnits(amount, bases, policy === "even"));
  return teams.map((team, i) => [team, splits.map((parts) => parts[i]!)]);
}
