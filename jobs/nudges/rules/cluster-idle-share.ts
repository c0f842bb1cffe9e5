// A shared cluster whose idle (unused) share of cost over the last two weeks is above its goal (the
// ownership file's `idleGoal`, default 25%): capacity paid for that no pod reserved. Raised to the
// cluster's owner (the unattributed team when it has none), past a dollar amount as well.
import Decimal from "decimal.js";
import { dollars } from "../dollars";
import { NUDGE_THRESHOLDS, DAYS_PER_MONTH } from "../thresholds";
import { UNATTRIBUTED_TEAM_ID } from "../../../db/schema/org";
import type { Finding, NudgeInputs } from "../finding";

const percent = (share: Decimal) => `${share.times(100).toDecimalPlaces(1).toString()}%`;

export function clusterIdleShareRule(inputs: NudgeInputs): Finding[] {
  const { lookbackDays, defaultIdleGoal, minMonthlyIdle } = NUDGE_THRESHOLDS.clusters;
  return inputs.clusters.idle.flatMap((row): Finding[] => {
    const total = new Decimal(row.total);
    if (total.lte(0)) return [];
    const idle = new Decimal(row.idle);
    const share = idle.div(total);
    const goal = new Decimal(row.idleGoal ?? defaultIdleGoal);
    const monthlyIdle = idle.div(lookbackDays).times(DAYS_PER_MONTH);
    if (share.lte(goal) || monthlyIdle.lt(minMonthlyIdle)) return [];
    // What reaching the goal would save: the idle cost beyond the goal's share of the cluster's cost.
    const overGoal = idle.minus(total.times(goal));
    return [
      {
        rule: "cluster-idle-share",
        teamId: row.owner ?? UNATTRIBUTED_TEAM_ID,
        subject: `cluster ${row.cluster}`,
        title: `${dollars(monthlyIdle)}/month idle in cluster ${row.cluster}: ${percent(share)} of its cost (goal ${percent(goal)})`,
        evidence: {
          cluster: row.cluster,
          from: inputs.clusters.from,
          to: inputs.today,
          total: total.toFixed(2),
          idleCost: idle.toFixed(2),
          idleShare: share.toDecimalPlaces(4).toString(),
          idleGoal: goal.toString(),
          goalFrom: row.idleGoal === null ? "default" : "ownership file",
          overGoalCost: overGoal.toFixed(2),
        },
        monthlyAtStake: overGoal.div(lookbackDays).times(DAYS_PER_MONTH).toFixed(2),
        action: `Fill or shrink ${row.cluster}'s nodes (fewer or smaller instances, bin-packing by the autoscaler) or set its goal with idleGoal in the ownership file; idle cost is instance capacity no pod reserved.`,
      },
    ];
  });
}
