// Untagged spend in a team's own accounts: dollars the team carries only because the account is
// theirs (no owner tag decided them). Flagged past both a share of the team's spend and a dollar amount.
import Decimal from "decimal.js";
import { dollars } from "../dollars";
import { NUDGE_THRESHOLDS, DAYS_PER_MONTH } from "../thresholds";
import type { Finding, NudgeInputs } from "../finding";

export function untaggedSpendRule(inputs: NudgeInputs): Finding[] {
  const { lookbackDays, minShare, minAmount } = NUDGE_THRESHOLDS.untagged;
  return inputs.untagged.flatMap((row): Finding[] => {
    const untagged = new Decimal(row.untagged);
    const total = new Decimal(row.teamTotal);
    const share = total.isZero() ? null : untagged.div(total);
    const monthly = untagged.div(lookbackDays).times(DAYS_PER_MONTH);
    if (monthly.lt(minAmount) || (share !== null && share.lt(minShare))) return [];
    return [
      {
        rule: "untagged-spend",
        teamId: row.teamId,
        subject: `account ${row.accountId}`,
        title: `${dollars(monthly)}/month of untagged spend in ${row.accountName}${share ? ` (${share.times(100).toFixed(1)}% of the team's spend)` : ""}`,
        evidence: { accountId: row.accountId, accountName: row.accountName, lookbackDays, untagged: untagged.toFixed(2), teamTotal: total.toFixed(2), share: share?.toDecimalPlaces(4).toString() ?? null },
        monthlyAtStake: monthly.toFixed(2),
        action: `Tag the resources in ${row.accountName} with the owner tag so the spend lands on the workloads that use it.`,
      },
    ];
  });
}
