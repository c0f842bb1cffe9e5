// Low Savings Plan / reservation coverage of steady usage. Coverage = covered usage (DiscountedUsage,
// SavingsPlanCoveredUsage) over all usage on commitment-eligible services, both at on-demand prices as
// Cost Explorer computes it: covered usage's effective cost / the commitment rate, never commitment
// dollars beside on-demand dollars. The steady part is the floor of daily on-demand spend (what ran
// every day). Flagged below a coverage share AND above a monthly steady on-demand amount; at stake =
// a conservative Savings Plan discount on that floor.
import Decimal from "decimal.js";
import { dollars } from "../dollars";
import { addDays } from "../../../db/calendar";
import { NUDGE_THRESHOLDS, DAYS_PER_MONTH } from "../thresholds";
import type { Finding, NudgeInputs } from "../finding";

export function lowCoverageRule(inputs: NudgeInputs): Finding[] {
  const { lookbackDays, maxCoverage, minSteadyMonthly, savingsRate } = NUDGE_THRESHOLDS.coverage;
  const from = addDays(inputs.today, -lookbackDays + 1);
  const byTeam = new Map<string, { covered: Decimal; onDemand: Map<string, Decimal>; services: Map<string, Decimal> }>();
  for (const row of inputs.coverage) {
    if (row.day < from || row.day > inputs.today) continue;
    const team = byTeam.get(row.teamId) ?? { covered: new Decimal(0), onDemand: new Map(), services: new Map() };
    if (row.kind === "covered") team.covered = team.covered.plus(row.amount);
    else {
      team.onDemand.set(row.day, (team.onDemand.get(row.day) ?? new Decimal(0)).plus(row.amount));
      team.services.set(row.service, (team.services.get(row.service) ?? new Decimal(0)).plus(row.amount));
    }
    byTeam.set(row.teamId, team);
  }
  const findings: Finding[] = [];
  for (const [teamId, team] of byTeam) {
    let floor: Decimal | null = null;
    let onDemand = new Decimal(0);
    for (let day = from; day <= inputs.today; day = addDays(day, 1)) {
      const amount = team.onDemand.get(day) ?? new Decimal(0);
      onDemand = onDemand.plus(amount);
      floor = floor === null || amount.lt(floor) ? amount : floor;
    }
    const coveredOnDemand = team.covered.div(inputs.coveredUsageRate);
    const total = onDemand.plus(coveredOnDemand);
    if (total.isZero() || floor === null) continue;
    const coverage = coveredOnDemand.div(total);
    const steadyMonthly = floor.times(DAYS_PER_MONTH);
    if (coverage.gte(maxCoverage) || steadyMonthly.lt(minSteadyMonthly)) continue;
    const services = [...team.services.entries()].sort((a, b) => b[1].comparedTo(a[1])).slice(0, 3);
    findings.push({
      rule: "low-coverage",
      teamId,
      subject: "commitment coverage",
      title: `Only ${coverage.times(100).toFixed(0)}% of compute usage is covered by Savings Plans or reservations; ${dollars(steadyMonthly)}/month runs on demand every day`,
      evidence: {
        lookbackDays,
        coverage: coverage.toDecimalPlaces(4).toString(),
        coveredAtCommitmentRates: team.covered.toFixed(2),
        coveredOnDemandEquivalent: coveredOnDemand.toFixed(2),
        coveredUsageRate: inputs.coveredUsageRate,
        onDemand: onDemand.toFixed(2),
        steadyDailyOnDemand: floor.toFixed(2),
        topOnDemandServices: services.map(([service, amount]) => ({ service, amount: amount.toFixed(2) })),
        savingsRate,
      },
      monthlyAtStake: steadyMonthly.times(savingsRate).toFixed(2),
      action: `Ask the FinOps owner to extend the Compute Savings Plan (or reserve) to cover the steady ${dollars(floor)}/day, mostly ${services[0]?.[0] ?? "compute"}.`,
    });
  }
  return findings;
}
