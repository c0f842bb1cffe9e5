// Loads what the cluster nudges read over the last two weeks. A pod's team is the one attribution gives
// its split cost (owner label, namespace, cluster owner: cluster-pods.ts), so a workload is nudged to
// the team that pays for it; a workload of a cluster split by OpenCost, to the team attribution gave
// most of its namespace's dollars.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import { addDays } from "../../db/calendar";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema/org";
import { loadClusterIdle, loadPodUsage, loadUnownedNamespaces, type PodUsageRow } from "../../db/queries/cluster-nudge-inputs";
import { openCostNamespaceTeams, openCostWorkloadDays } from "../../db/queries/opencost-workloads";
import { prepareClusterLines } from "../attribution/cluster-lines";
import { podsOnInstances } from "../attribution/cluster-pods";
import { ownerTagKeyPeriods } from "../sync/owner-tag-keys";
import { NUDGE_THRESHOLDS } from "./thresholds";
import type { ClusterNudgeInputs } from "./finding";

/** Per pod, the team that carried most of its split cost over the window. */
async function teamsOfPods(db: DbOrTx, from: string, to: string): Promise<Map<string, string>> {
  const window = { start: from, end: addDays(to, 1) };
  // The pods as attribution saw them (temporary tables: one transaction, or a savepoint in the caller's).
  const pods = await db.transaction(async (tx) => ((await prepareClusterLines(tx, window)) ? podsOnInstances(tx, window, await ownerTagKeyPeriods(tx, window)) : []));
  const split = new Map<string, Map<string, Decimal>>();
  for (const pod of pods) {
    const byTeam = split.get(pod.pod) ?? new Map<string, Decimal>();
    const team = pod.teamId ?? UNATTRIBUTED_TEAM_ID;
    byTeam.set(team, (byTeam.get(team) ?? new Decimal(0)).plus(pod.split));
    split.set(pod.pod, byTeam);
  }
  const largest = (byTeam: Map<string, Decimal>) => [...byTeam].sort(([ta, a], [tb, b]) => b.comparedTo(a) || (ta < tb ? -1 : 1))[0]![0];
  return new Map([...split].map(([pod, byTeam]) => [pod, largest(byTeam)]));
}

export async function loadClusterNudgeInputs(db: DbOrTx, today: string): Promise<ClusterNudgeInputs> {
  const window = { from: addDays(today, -NUDGE_THRESHOLDS.clusters.lookbackDays + 1), to: today };
  const usage = await loadPodUsage(db, window);
  const teams = usage.length > 0 ? await teamsOfPods(db, window.from, window.to) : new Map<string, string>();
  return {
    from: window.from,
    idle: await loadClusterIdle(db, window),
    unownedNamespaces: await loadUnownedNamespaces(db, window),
    // Fargate tasks have no instance to attribute through: they are left out (their own line cost goes by the ordinary rules).
    podUsage: [
      ...usage.flatMap((row) => {
        const teamId = teams.get(row.pod);
        return teamId ? [{ ...row, teamId }] : [];
      }),
      ...(await openCostWorkloadUsage(db, window)),
    ],
  };
}

/** OpenCost's workload-days as pod usage, each under its namespace's team (a workload without one is left out). */
async function openCostWorkloadUsage(db: DbOrTx, window: { from: string; to: string }): Promise<Array<PodUsageRow & { teamId: string }>> {
  const days = await openCostWorkloadDays(db, window);
  if (days.length === 0) return [];
  const teams = new Map((await openCostNamespaceTeams(db, window)).map((row) => [JSON.stringify([row.cluster, row.namespace]), row.teamId]));
  return days.flatMap(({ cost, ...day }) => {
    const teamId = teams.get(JSON.stringify([day.cluster, day.namespace]));
    return teamId ? [{ ...day, pod: `${day.namespace ?? ""}/${day.workload}`, splitCost: cost, teamId }] : [];
  });
}
