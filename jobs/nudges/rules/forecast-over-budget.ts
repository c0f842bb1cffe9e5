// Forecast over budget: the budget review's month-end forecast (jobs/budgets/forecast.ts), so the
// nudge and the review quote one number, against the team's budget for the month, flagged past
// both a percentage (the 2% rule) and a dollar amount.
import Decimal from "decimal.js";
import { dollars } from "../dollars";
import { monthOf } from "../../../db/calendar";
import { FORECAST_METHOD, forecastMonth } from "../../budgets/forecast";
import { NUDGE_THRESHOLDS } from "../thresholds";
import type { Finding, NudgeInputs } from "../finding";

export function forecastOverBudgetRule(inputs: NudgeInputs): Finding[] {
  if (!inputs.budgets) return [];
  const { overBy, minOver } = NUDGE_THRESHOLDS.forecast;
  const month = monthOf(inputs.today);
  const budgets = new Map(inputs.budgets.filter((b) => b.month === month).map((b) => [b.teamId, new Decimal(b.budget)]));
  return inputs.teamTotalDaily.flatMap((series): Finding[] => {
    const budget = budgets.get(series.teamId);
    if (!budget) return [];
    const projected = forecastMonth({ month, lastCompleteDay: inputs.today, daily: [...series.amounts].map(([day, amount]) => ({ day, amount })) });
    if (projected.forecast === null) return []; // too little history to project
    const forecast = new Decimal(projected.forecast);
    const over = forecast.minus(budget);
    const ratio = budget.isZero() ? null : over.div(budget);
    if (over.lt(minOver) || (ratio !== null && ratio.lte(overBy))) return [];
    return [
      {
        rule: "forecast-over-budget",
        teamId: series.teamId,
        subject: `budget ${month}`,
        title: `Forecast ${dollars(forecast)} for ${month} is ${ratio ? `${ratio.times(100).toFixed(1)}%` : `${dollars(over)}`} over the ${dollars(budget)} budget`,
        evidence: { month, budget: budget.toFixed(2), monthToDate: projected.actualToDate, forecast: projected.forecast, forecastLow: projected.low, forecastHigh: projected.high, method: FORECAST_METHOD, overBy: over.toFixed(2), ratio: ratio?.toDecimalPlaces(4).toString() ?? null },
        monthlyAtStake: over.toFixed(2),
        action: "Cut the spend that moved this month, or ask for a budget approval before the review.",
      },
    ];
  });
}
