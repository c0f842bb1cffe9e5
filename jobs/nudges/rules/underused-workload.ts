// A workload whose pods used (actual) under 30% of the vCPU or memory they reserved (requested) on
// every day of the last two weeks, running on its first and last day. The dollars at stake are what
// the unused reservation costs: each line's split cost x (reserved - actual) / split usage, for the
// resources that stayed under, per month. Raised to the team attribution gave the workload's pods.
import Decimal from "decimal.js";
import { dollars } from "../dollars";
import { NUDGE_THRESHOLDS, DAYS_PER_MONTH } from "../thresholds";
import type { ClusterNudgeInputs, Finding, NudgeInputs } from "../finding";

type PodUsage = ClusterNudgeInputs["podUsage"][number];
type Resource = PodUsage["resource"];
const RESOURCES: Resource[] = ["vCPU", "memory"];

const sum = (rows: PodUsage[], field: "reserved" | "actual" | "splitCost" | "unusedReservation") => rows.reduce((total, row) => total.plus(row[field]), new Decimal(0));
const percent = (share: Decimal) => `${share.times(100).toDecimalPlaces(0).toString()}%`;

/** Used / reserved over the window; null when nothing was reserved. */
function usedShare(rows: PodUsage[]): Decimal | null {
  const reserved = sum(rows, "reserved");
  return reserved.gt(0) ? sum(rows, "actual").div(reserved) : null;
}

/** True when the resource was reserved on the window's first and last day and every day's used share stayed under the limit. */
function staysUnder(rows: PodUsage[], from: string, to: string): boolean {
  const byDay = new Map<string, PodUsage[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  const reservedOn = (day: string) => sum(byDay.get(day) ?? [], "reserved").gt(0);
  if (!reservedOn(from) || !reservedOn(to)) return false;
  return [...byDay.values()].every((day) => {
    const share = usedShare(day);
    return share === null || share.lt(NUDGE_THRESHOLDS.clusters.maxUsedShare);
  });
}

/** The team that carries most of the workload's split cost. */
function teamOf(rows: PodUsage[]): string {
  const byTeam = new Map<string, Decimal>();
  for (const row of rows) byTeam.set(row.teamId, (byTeam.get(row.teamId) ?? new Decimal(0)).plus(row.splitCost));
  return [...byTeam].sort(([ta, a], [tb, b]) => b.comparedTo(a) || (ta < tb ? -1 : 1))[0]![0];
}

function finding(inputs: NudgeInputs, rows: PodUsage[]): Finding | null {
  const { lookbackDays, minMonthlyUnusedReservation } = NUDGE_THRESHOLDS.clusters;
  const { cluster, namespace } = rows[0]!;
  const workload = rows[0]!.workload ?? rows[0]!.pod;
  const of = (resource: Resource) => rows.filter((row) => row.resource === resource);
  const under = RESOURCES.filter((resource) => staysUnder(of(resource), inputs.clusters.from, inputs.today));
  if (under.length === 0) return null;
  const unused = sum(rows.filter((row) => under.includes(row.resource)), "unusedReservation");
  const monthly = unused.div(lookbackDays).times(DAYS_PER_MONTH);
  if (monthly.lt(minMonthlyUnusedReservation)) return null;
  const shares = Object.fromEntries(RESOURCES.map((resource) => [resource, usedShare(of(resource))]));
  const where = namespace ? `${cluster}/${namespace}` : cluster;
  return {
    rule: "underused-workload",
    teamId: teamOf(rows),
    subject: `workload ${where}/${workload}`,
    title: `${workload} in ${where} used ${under.map((resource) => `${percent(shares[resource]!)} of its reserved ${resource}`).join(" and ")} for two weeks: ${dollars(monthly)}/month reserved and unused`,
    evidence: {
      cluster,
      namespace,
      workload,
      from: inputs.clusters.from,
      to: inputs.today,
      vcpuUsedShare: shares.vCPU?.toDecimalPlaces(4).toString() ?? null,
      memoryUsedShare: shares.memory?.toDecimalPlaces(4).toString() ?? null,
      underResources: under.join(", "),
      splitCost: sum(rows, "splitCost").toFixed(2),
      unusedReservationCost: unused.toFixed(2),
    },
    monthlyAtStake: monthly.toFixed(2),
    action: `Lower ${workload}'s ${under.join(" and ")} requests toward what it uses (a vertical pod autoscaler's recommendation is a good start), so the nodes fit more pods.`,
  };
}

export function underusedWorkloadRule(inputs: NudgeInputs): Finding[] {
  const workloads = new Map<string, PodUsage[]>();
  for (const row of inputs.clusters.podUsage) {
    const key = JSON.stringify([row.cluster, row.namespace, row.workload ?? row.pod]);
    workloads.set(key, [...(workloads.get(key) ?? []), row]);
  }
  return [...workloads.values()].flatMap((rows) => finding(inputs, rows) ?? []);
}
