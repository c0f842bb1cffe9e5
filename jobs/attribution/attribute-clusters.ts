// Attribution through pods (docs/clusters.md). Each instance's billed amounts over the hours its pods
// cover are split exactly (largest remainder, split-pool.ts) by the pods' split cost and unused cost:
// a pod's split part goes to the team its rules give, the unused parts pool per cluster and day and
// go by the cluster's idle policy: to its owner, proportional to the teams' split parts, or even.
// The instance's billed amounts are what is handed out, so attributed = billed to the cent even when
// AWS's split figures do not add up (the import reports that as split-mismatch).
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import { sql } from "drizzle-orm";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import type { DayWindow } from "../sync/billing-window";
import type { OwnerTagKeyPeriod } from "../sync/owner-tag-keys";
import { instanceGroups, podsOnInstances, type InstanceGroup, type PodOnInstance } from "./cluster-pods";
import { splitPool, type SplitMethod } from "./split-pool";

const INSERT_CHUNK = 10_000;
const COLUMNS = [
  "day", "team_id", "account_id", "service", "record_type", "environment", "unblended_cost", "amortized_cost", "net_amortized_cost",
  "rule_id", "decided_by", "cluster", "namespace", "cluster_rule_id", "cluster_basis", "run_id",
] as const;
const MEASURES = ["unblended", "amortized", "netAmortized"] as const;
type Amounts = [Decimal, Decimal, Decimal];
/** An attributed_costs row under its column names. */
type Row = Record<(typeof COLUMNS)[number], string | number | null>;

/** Amounts summed per key, with the row the key stands for. */
class Totals<T> {
  readonly entries = new Map<string, { of: T; sums: Amounts }>();
  add(key: string, of: T, amounts: string[]): void {
    const entry = this.entries.get(key) ?? { of, sums: [new Decimal(0), new Decimal(0), new Decimal(0)] };
    entry.sums = entry.sums.map((sum, i) => sum.plus(amounts[i]!)) as Amounts;
    this.entries.set(key, entry);
  }
}

type Place = Pick<InstanceGroup, "day" | "accountId" | "service" | "recordType" | "environment">;
type Decided = Pick<PodOnInstance, "teamId" | "ruleId" | "clusterRuleId" | "cluster" | "namespace"> & { decidedBy: PodOnInstance["decidedBy"] | "idle" };
type IdleGroup = Place & Pick<PodOnInstance, "cluster" | "clusterPolicyRuleId" | "clusterOwner" | "idle">;

/** Splits `amounts` (one per measure) by `weights`; the parts per measure, aligned with `weights`. */
function exactParts(amounts: string[], weights: string[], method: SplitMethod = { kind: "proportional" }): string[][] {
  const keys = weights.map((_, i) => String(i).padStart(6, "0")); // sorted as given
  const byKey = Object.fromEntries(keys.map((key, i) => [key, weights[i]!]));
  const splits = amounts.map((pool) => splitPool({ pool, teams: keys, weights: byKey, method }).shares.map((share) => share.amount));
  return keys.map((_, i) => splits.map((shares) => shares[i]!));
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
  const podsOf = new Map<string, PodOnInstance[]>();
  for (const pod of pods) podsOf.set(`${pod.day}|${pod.instance}`, [...(podsOf.get(`${pod.day}|${pod.instance}`) ?? []), pod]);

  const direct = new Totals<Place & Decided>();
  const idle = new Totals<IdleGroup>();
  const teamBasis = new Map<string, Map<string, Decimal>>(); // day|cluster -> team -> split (amortized) part
  for (const group of groups) {
    const onIt = podsOf.get(`${group.day}|${group.instance}`) ?? [];
    const parts = exactParts([group.unblended, group.amortized, group.netAmortized], [...onIt.map((p) => p.split), ...onIt.map((p) => p.unused)]);
    const place: Place = { day: group.day, accountId: group.accountId, service: group.service, recordType: group.recordType, environment: group.environment };
    onIt.forEach((pod, i) => {
      const teamId = pod.teamId ?? UNATTRIBUTED_TEAM_ID;
      const decided = { ...place, teamId, decidedBy: pod.decidedBy, ruleId: pod.ruleId, clusterRuleId: pod.clusterRuleId, cluster: pod.cluster, namespace: pod.namespace };
      direct.add(JSON.stringify(decided), decided, parts[i]!);
      const basisKey = `${group.day}|${pod.cluster}`;
      const basis = teamBasis.get(basisKey) ?? new Map<string, Decimal>();
      basis.set(teamId, (basis.get(teamId) ?? new Decimal(0)).plus(parts[i]![1]!));
      teamBasis.set(basisKey, basis);
      const idleOf: IdleGroup = { ...place, cluster: pod.cluster, clusterPolicyRuleId: pod.clusterPolicyRuleId, clusterOwner: pod.clusterOwner, idle: pod.idle };
      idle.add(JSON.stringify(idleOf), idleOf, parts[onIt.length + i]!);
    });
  }

  const rows: Row[] = [];
  const push = (of: Place & Decided, parts: string[]) => {
    const amounts = parts.map((part) => new Decimal(part).toFixed()); // 0.020 -> 0.02, as sums are stored
    if (amounts.every((amount) => new Decimal(amount).isZero())) return;
    rows.push({
      day: of.day, team_id: of.teamId!, account_id: of.accountId, service: of.service, record_type: of.recordType, environment: of.environment,
      unblended_cost: amounts[0]!, amortized_cost: amounts[1]!, net_amortized_cost: amounts[2]!,
      rule_id: of.ruleId, decided_by: of.decidedBy, cluster: of.cluster, namespace: of.namespace, cluster_rule_id: of.clusterRuleId, cluster_basis: basis, run_id: runId,
    });
  };
  for (const { of, sums } of direct.entries.values()) push(of, sums.map((sum) => sum.toFixed()));
  for (const { of, sums } of idle.entries.values()) {
    const shares = idleShares(of, teamBasis.get(`${of.day}|${of.cluster}`) ?? new Map(), sums.map((sum) => sum.toFixed()));
    for (const [teamId, amounts] of shares) {
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
function idleShares(of: IdleGroup, basis: Map<string, Decimal>, amounts: string[]): [string, string[]][] {
  const policy = of.idle ?? "proportional";
  if (policy === "owner") return [[of.clusterOwner ?? UNATTRIBUTED_TEAM_ID, amounts]];
  const teams = [...basis.keys()].sort();
  if (teams.length === 0) return [[of.clusterOwner ?? UNATTRIBUTED_TEAM_ID, amounts]];
  const weights = teams.map((team) => basis.get(team)!.toFixed());
  const parts = exactParts(amounts, weights, policy === "even" ? { kind: "even" } : { kind: "proportional" });
  return teams.map((team, i) => [team, parts[i]!]);
}
