// A namespace (or ECS service) whose pods' split cost no owner label, namespace rule or cluster owner
// claimed over the last two weeks: dollars on no team. Raised to the unattributed team, past a dollar amount.
import Decimal from "decimal.js";
import { dollars } from "../dollars";
import { NUDGE_THRESHOLDS, DAYS_PER_MONTH } from "../thresholds";
import { UNATTRIBUTED_TEAM_ID } from "../../../db/schema/org";
import type { Finding, NudgeInputs } from "../finding";

export function unownedNamespaceRule(inputs: NudgeInputs): Finding[] {
  const { lookbackDays, minMonthlyUnowned } = NUDGE_THRESHOLDS.clusters;
  return inputs.clusters.unownedNamespaces.flatMap((row): Finding[] => {
    const amount = new Decimal(row.amount);
    const monthly = amount.div(lookbackDays).times(DAYS_PER_MONTH);
    if (monthly.lt(minMonthlyUnowned)) return [];
    return [
      {
        rule: "unowned-namespace",
        teamId: UNATTRIBUTED_TEAM_ID,
        subject: `namespace ${row.cluster}/${row.namespace}`,
        title: `Namespace ${row.namespace} in cluster ${row.cluster} has no owner: ${dollars(monthly)}/month on no team`,
        evidence: { cluster: row.cluster, namespace: row.namespace, from: inputs.clusters.from, to: inputs.today, unattributedCost: amount.toFixed(2) },
        monthlyAtStake: monthly.toFixed(2),
        action: `Name ${row.namespace}'s owner in the ownership file (kubernetes.namespaces, or the cluster's namespaces), with a Backstage tallyboard.io/kubernetes-namespace annotation or an owner label on its pods; or give ${row.cluster} an owner.`,
      },
    ];
  });
}
