// A Savings Plan or reservation ends soon: the usage it covered goes back to on-demand prices.
// Each team whose usage it covered is told its own part of the monthly rise, from WARN_DAYS before
// the end, when that part is worth acting on. A commitment that cost more than it saved (a
// negative rise) is not nudged: letting it lapse is the saving.
import Decimal from "decimal.js";
import { dollars } from "../dollars";
import type { Finding, NudgeInputs } from "../finding";

export const COMMITMENT_EXPIRY = { warnDays: 60, minMonthlyIncrease: "100" } as const;

export function commitmentExpiryRule(inputs: NudgeInputs): Finding[] {
  return inputs.commitmentExpiries
    .filter((row) => row.daysLeft >= 0 && row.daysLeft <= COMMITMENT_EXPIRY.warnDays && new Decimal(row.monthlyCostIncrease).gte(COMMITMENT_EXPIRY.minMonthlyIncrease))
    .map((row) => ({
      rule: "commitment-expiry" as const,
      teamId: row.teamId,
      subject: `commitment ${row.commitmentId}`,
      title: `${row.label} ends on ${row.end} (in ${row.daysLeft} days): ${dollars(row.monthlyOnDemandEquivalent)}/month of your usage goes back to on-demand, ${dollars(row.monthlyCostIncrease)}/month more`,
      evidence: { commitmentId: row.commitmentId, end: row.end, daysLeft: row.daysLeft, teamShare: row.teamShare, monthlyOnDemandEquivalent: row.monthlyOnDemandEquivalent },
      monthlyAtStake: new Decimal(row.monthlyCostIncrease).toFixed(2),
      action: `Ask the FinOps owner to renew or replace it before ${row.end} (the Commitments page simulates a renewal at today's usage); or plan for the higher cost in your budget.`,
    }));
}
