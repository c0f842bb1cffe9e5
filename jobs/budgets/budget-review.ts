// The budget review of one month: per team actual to date, month-end forecast (with its range),
// budget, variance and the over-budget rule with its approval; groups and orgs summed up.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import type { Measure } from "../../db/queries/measure";
import { addDays, lastDayOfMonth } from "../../db/calendar";
import { ratio } from "../../db/queries/ratio";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { getTeamDailySpend } from "../../db/queries/budget-actuals";
import { getTreeAsOf, listApprovals, listTeamBudgets, listTeamsAsOf } from "../../db/queries/budget-reads";
import { FORECAST_METHOD, forecastMonth, SEASONALITY_WEEKS, type DailyAmount } from "./forecast";
import { budgetVariance, byVariance } from "./variance";
import { rollUpToUnits } from "./budget-rollup";

/** The day the month's org tree is read on: its last day, or the last complete day while it is open. */
export function treeDayOf(month: string, lastCompleteDay: string | null): string {
  const start = `${month}-01`;
  const end = lastDayOfMonth(month);
  if (lastCompleteDay === null || lastCompleteDay > end) return end;
  return lastCompleteDay < start ? start : lastCompleteDay;
}

export async function getBudgetReview(db: DbOrTx, options: { month: string; measure: Measure; threshold: string }) {
  const { month, measure, threshold } = options;
  const last = await getLastCompleteBillingDay(db);
  const start = `${month}-01`;
  const end = lastDayOfMonth(month);
  const asOf = treeDayOf(month, last);
  const [teams, budgets, approvals, tree] = await Promise.all([listTeamsAsOf(db, asOf), listTeamBudgets(db, month), listApprovals(db, month), getTreeAsOf(db, asOf)]);

  const daily = new Map<string, DailyAmount[]>();
  if (last !== null) {
    const historyFrom = addDays(last, -(SEASONALITY_WEEKS * 7 - 1));
    const from = historyFrom < start ? historyFrom : start;
    const to = last < end ? last : end;
    if (from <= to) for (const row of await getTeamDailySpend(db, { from, to, measure })) daily.set(row.teamId, [...(daily.get(row.teamId) ?? []), row]);
  }
  const budgetOf = new Map(budgets.map((b) => [b.teamId, b]));
  const approvalOf = new Map<string, (typeof approvals)[number]>();
  for (const approval of approvals) if (!approvalOf.has(approval.teamId)) approvalOf.set(approval.teamId, approval); // newest first

  const rows = teams
    .map((team) => {
      const forecast = forecastMonth({ month, lastCompleteDay: last, daily: daily.get(team.teamId) ?? [] });
      const budget = budgetOf.get(team.teamId) ?? null;
      const approval = approvalOf.get(team.teamId) ?? null;
      const variance = budgetVariance({ budgetUsd: budget?.budgetUsd ?? null, forecastUsd: forecast.forecast, threshold, approved: approval !== null });
      return {
        ...team,
        budgetUsd: budget?.budgetUsd ?? null,
        actualToDate: forecast.actualToDate,
        forecast: forecast.forecast,
        low: forecast.low,
        high: forecast.high,
        spentRatio: budget ? ratio(forecast.actualToDate, budget.budgetUsd) : null,
        ...variance,
        approval,
      };
    })
    // Teams with neither a budget nor any spend this month have nothing to review.
    .filter((row) => row.budgetUsd !== null || !new Decimal(row.actualToDate).isZero() || (row.forecast !== null && !new Decimal(row.forecast).isZero()))
    .sort(byVariance);

  const units = rollUpToUnits(rows, tree).map((unit) => ({ ...unit, ...budgetVariance({ budgetUsd: unit.budgetUsd, forecastUsd: unit.forecast, threshold }) }));
  const sample = forecastMonth({ month, lastCompleteDay: last, daily: [] });
  return {
    month,
    measure,
    threshold,
    lastCompleteBillingDay: last,
    treeAsOf: asOf,
    daysElapsed: sample.daysElapsed,
    daysInMonth: sample.daysInMonth,
    complete: sample.complete,
    method: FORECAST_METHOD,
    teams: rows,
    units,
  };
}
export type BudgetReview = Awaited<ReturnType<typeof getBudgetReview>>;

