// Accelerating spend: week-over-week growth that rises week after week (growth of growth), past both
// a growth rate and a dollar increase. Steady growth, however fast, is a plan; speeding up is a nudge.
import Decimal from "decimal.js";
import { addDays } from "../../../db/calendar";
import { NUDGE_THRESHOLDS } from "../thresholds";
import type { Finding, NudgeInputs } from "../finding";

/** Totals of the `count` complete 7-day weeks ending on `lastDay`, oldest first. */
export function weeklyTotals(amounts: Map<string, string>, lastDay: string, count: number): Decimal[] {
  const weeks: Decimal[] = [];
  for (let week = count - 1; week >= 0; week--) {
    let total = new Decimal(0);
    for (let day = 0; day < 7; day++) total = total.plus(amounts.get(addDays(lastDay, -7 * week - day)) ?? "0");
    weeks.push(total);
  }
  return weeks;
}

/** Week-over-week growth rates; null where the earlier week is zero. */
export function growthRates(weeks: Decimal[]): Array<Decimal | null> {
  return weeks.slice(1).map((week, i) => (weeks[i]!.isZero() ? null : week.minus(weeks[i]!).div(weeks[i]!.abs())));
}

export function acceleratingSpendRule(inputs: NudgeInputs): Finding[] {
  const { weeks: rateCount, minGrowth, minWeeklyIncrease } = NUDGE_THRESHOLDS.accelerating;
  const findings: Finding[] = [];
  for (const series of inputs.teamDaily) {
    if (addDays(inputs.today, -7 * (rateCount + 1) + 1) < inputs.firstDay) continue;
    const weeks = weeklyTotals(series.amounts, inputs.today, rateCount + 1);
    const rates = growthRates(weeks);
    if (rates.some((rate) => rate === null)) continue;
    const known = rates as Decimal[];
    const rising = known.every((rate, i) => i === 0 || rate.gt(known[i - 1]!));
    const last = known[known.length - 1]!;
    const increase = weeks[weeks.length - 1]!.minus(weeks[weeks.length - 2]!);
    if (!rising || last.lt(minGrowth) || increase.lt(minWeeklyIncrease)) continue;
    const runRateIncrease = weeks[weeks.length - 1]!.minus(weeks[0]!).div(7).times(30);
    findings.push({
      rule: "accelerating-spend",
      teamId: series.teamId,
      subject: "weekly growth",
      title: `Spend growth is speeding up: +${last.times(100).toFixed(1)}% last week, after ${known
        .slice(0, -1)
        .map((rate) => `${rate.times(100).toFixed(1)}%`)
        .join(", ")}`,
      evidence: {
        weeks: weeks.map((total, i) => ({ weekEnding: addDays(inputs.today, -7 * (weeks.length - 1 - i)), total: total.toFixed(2) })),
        growthRates: known.map((rate) => rate.toDecimalPlaces(4).toString()),
      },
      monthlyAtStake: runRateIncrease.toFixed(2),
      action: "Find the services behind the extra spend on the team page and check it tracks the team's own growth in operations.",
    });
  }
  return findings;
}
