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
import { instanceGroups, podsOnInstances, type InstanceGroup, type PodPart } from "./cluster-pods";
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

/** Amounts summed per key (a number: see Ids), with the row the key stands for. */
class Totals<T> {
  readonly entries = new Map<number, { of: T; sums: Amounts }>();
  add(key: number, of: () => T, unblended: bigint, amortized: bigint, netAmortized: bigint): void {
    const entry = this.entries.get(key);
    if (entry === undefined) this.entries.set(key, { of: of(), sums: [unblended, amortized, netAmortized] });
    else entry.sums = [entry.sums[0] + unblended, entry.sums[1] + amortized, entry.sums[2] + netAmortized];
  }
}

/** Small whole numbers for the distinct values of a key, so that a pair of them (place, decision) keys a Map as one number. */
class Ids {
  private readonly ids = new Map<string, number>();
  of(key: string): number {
    const id = this.ids.get(key);
    if (id !== undefined) return id;
    this.ids.set(key, this.ids.size);
    return this.ids.size - 1;
  }
  get size(): number {
    return this.ids.size;
  }
}

type Place = Pick<InstanceGroup, "day" | "accountId" | "service" | "recordType" | "environment">;
type Decided = Pick<PodPart, "teamId" | "ruleId" | "clusterRuleId" | "cluster" | "namespace"> & { decidedBy: PodPart["decidedBy"] | "idle" };
type IdleGroup = Place & Pick<PodPart, "cluster" | "clusterPolicyRuleId" | "clusterOwner" | "idle">;

/** The pods on one instance that day, in the order given, with their weights and keys worked out once. */
interface InstancePods {
  pods: PodPart[];
  /** Split weights then unused weights, as bases (split-units.ts). */
  bases: bigint[];
  /** Per pod: its decision's id (its split part's row beside the place), its idle pool's id and its cluster-day. */
  decided: number[];
  idle: number[];
  clusterDays: string[];
}

/** The pods by instance-day, and how many distinct decisions and idle pools they have (the spans of their ids). */
function instancePods(pods: PodPart[]): { byInstance: Map<string, InstancePods>; decisions: number; idlePools: number } {
  const decisions = new Ids();
  const idlePools = new Ids();
  const byInstance = new Map<string, InstancePods>();
  for (const pod of pods) {
    const key = `${pod.day}|${pod.instance}`;
    const onIt = byInstance.get(key) ?? { pods: [], bases: [], decided: [], idle: [], clusterDays: [] };
    byInstance.set(key, onIt);
    onIt.pods.push(pod);
    onIt.decided.push(decisions.of(JSON.stringify([pod.teamId ?? UNATTRIBUTED_TEAM_ID, pod.decidedBy, pod.ruleId, pod.clusterRuleId, pod.cluster, pod.namespace])));
    onIt.idle.push(idlePools.of(JSON.stringify([pod.cluster, pod.clusterPolicyRuleId, pod.clusterOwner, pod.idle])));
    onIt.clusterDays.push(`${pod.day}|${pod.cluster}`);
  }
  for (const onIt of byInstance.values()) onIt.bases = weightBases([...onIt.pods.map((p) => p.split), ...onIt.pods.map((p) => p.unused)]);
  return { byInstance, decisions: decisions.size, idlePools: idlePools.size };
}

export async function attributeClusters(tx: DbOrTx, window: DayWindow, runId: number, keyPeriods: OwnerTagKeyPeriod[]): Promise<{ rows: number }> {
  const groups = await instanceGroups(tx);
  if (groups.length === 0) return { rows: 0 };
  return writeClusterParts(tx, runId, groups, await podsOnInstances(tx, window, keyPeriods, "parts"));
}

/** Hands each group's billed amounts to the pods on its instance that day (and their unused parts to
 *  the cluster's idle policy) and writes the attributed rows. OpenCost clusters come here too
 *  (opencost-attribution.ts): a cluster-day is their "instance", its allocations their "pods". */
export async function writeClusterParts(tx: DbOrTx, runId: number, groups: InstanceGroup[], pods: PodPart[], basis: "split" | "opencost" = "split"): Promise<{ rows: number }> {
  const { byInstance, decisions, idlePools } = instancePods(pods);
  const places = new Ids();
  const direct = new Totals<Place & Decided>();
  const idle = new Totals<IdleGroup>();
  const teamBasis = new Map<string, Map<string, bigint>>(); // day|cluster -> team -> split (amortized) part
  for (const group of groups) {
    const onIt = byInstance.get(`${group.day}|${group.instance}`) ?? { pods: [], bases: [], decided: [], idle: [], clusterDays: [] };
    const [unblended, amortized, netAmortized] = [group.unblended, group.amortized, group.netAmortized].map((amount) => splitUnits(toUnits(amount), onIt.bases)) as [bigint[], bigint[], bigint[]];
    const place: Place = { day: group.day, accountId: group.accountId, service: group.service, recordType: group.recordType, environment: group.environment };
    const placeId = places.of(JSON.stringify([group.day, group.accountId, group.service, group.recordType, group.environment]));
    const count = onIt.pods.length;
    for (let i = 0; i < count; i++) {
      const pod = onIt.pods[i]!;
      const teamId = pod.teamId ?? UNATTRIBUTED_TEAM_ID;
      direct.add(placeId * decisions + onIt.decided[i]!, () => ({ ...place, teamId, decidedBy: pod.decidedBy, ruleId: pod.ruleId, clusterRuleId: pod.clusterRuleId, cluster: pod.cluster, namespace: pod.namespace }),
        unblended[i]!, amortized[i]!, netAmortized[i]!);
      const teams = teamBasis.get(onIt.clusterDays[i]!) ?? new Map<string, bigint>();
      teams.set(teamId, (teams.get(teamId) ?? 0n) + amortized[i]!);
      teamBasis.set(onIt.clusterDays[i]!, teams);
      idle.add(placeId * idlePools + onIt.idle[i]!, () => ({ ...place, cluster: pod.cluster, clusterPolicyRuleId: pod.clusterPolicyRuleId, clusterOwner: pod.clusterOwner, idle: pod.idle }),
        unblended[count + i]!, amortized[count + i]!, netAmortized[count + i]!);
    }
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
