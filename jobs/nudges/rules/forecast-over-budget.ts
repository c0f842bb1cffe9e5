// Forecast over budget: month-to-date spend plus the recent daily run rate for the days left, against
// the team's budget for the month, flagged past both a percentage (the 2% rule) and a dollar amount.
import Decimal from "decimal.js";
import { dollars } from "../dollars";
import { addDays, firstOfMonth, lastDayOfMonth, monthOf } from "../../../db/calendar";
import { NUDGE_THRESHOLDS } from "../thresholds";
import type { Finding, NudgeInputs } from "../finding";

/** Month-end forecast: actual month to date + mean of the last `recentDays` days x days remaining. */
export function runRateForecast(amounts: Map<string, string>, today: string, recentDays: number): { monthToDate: Decimal; forecast: Decimal; dailyRate: Decimal } {
  let monthToDate = new Decimal(0);
  for (let day = firstOfMonth(today); day <= today; day = addDays(day, 1)) monthToDate = monthToDate.plus(amounts.get(day) ?? "0");
  let recent = new Decimal(0);
  for (let i = 0; i < recentDays; i++) recent = recent.plus(amounts.get(addDays(today, -i)) ?? "0");
  const dailyRate = recent.div(recentDays);
  const remaining = Number(lastDayOfMonth(monthOf(today)).slice(8, 10)) - Number(today.slice(8, 10));
  return { monthToDate, forecast: monthToDate.plus(dailyRate.times(remaining)), dailyRate };
}

export function forecastOverBudgetRule(inputs: NudgeInputs): Finding[] {
  if (!inputs.budgets) return [];
  const { overBy, minOver, recentDays } = NUDGE_THRESHOLDS.forecast;
  const month = monthOf(inputs.today);
  const budgets = new Map(inputs.budgets.filter((b) => b.month === month).map((b) => [b.teamId, new Decimal(b.budget)]));
  return inputs.teamTotalDaily.flatMap((series): Finding[] => {
    const budget = budgets.get(series.teamId);
    if (!budget) return [];
    const { monthToDate, forecast, dailyRate } = runRateForecast(series.amounts, inputs.today, recentDays);
    const over = forecast.minus(budget);
    const ratio = budget.isZero() ? null : over.div(budget);
    if (over.lt(minOver) || (ratio !== null && ratio.lte(overBy))) return [];
    return [
      {
        rule: "forecast-over-budget",
        teamId: series.teamId,
        subject: `budget ${month}`,
        title: `Forecast ${dollars(forecast)} for ${month} is ${ratio ? `${ratio.times(100).toFixed(1)}%` : `${dollars(over)}`} over the ${dollars(budget)} budget`,
        evidence: { month, budget: budget.toFixed(2), monthToDate: monthToDate.toFixed(2), forecast: forecast.toFixed(2), dailyRate: dailyRate.toFixed(2), method: `month to date + mean of the last ${recentDays} days x days left`, overBy: over.toFixed(2), ratio: ratio?.toDecimalPlaces(4).toString() ?? null },
        monthlyAtStake: over.toFixed(2),
        action: "Cut the spend that moved this month, or ask for a budget approval before the review.",
      },
    ];
  });
}
