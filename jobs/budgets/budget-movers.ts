// What moved for one team in a month, for the review's expanded row: services month-to-date against
// the same number of days of the previous month, and each day against the same weekday four weeks
// earlier (so weekday seasonality does not read as movement).
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import type { Measure } from "../../db/queries/measure";
import { addDays, daysBetween, lastDayOfMonth, previousMonth } from "../../db/calendar";
import { change } from "../../db/queries/ratio";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { getTeamDailySpend, getTeamServiceWindows } from "../../db/queries/budget-actuals";

const byAbsoluteChange = (a: { changeUsd: string }, b: { changeUsd: string }) => new Decimal(b.changeUsd).abs().comparedTo(new Decimal(a.changeUsd).abs());

export async function getBudgetMovers(db: DbOrTx, options: { teamId: string; month: string; measure: Measure }) {
  const { teamId, month, measure } = options;
  const last = await getLastCompleteBillingDay(db);
  const start = `${month}-01`;
  const end = lastDayOfMonth(month);
  const to = last === null || last < start ? null : last < end ? last : end;
  const previousStart = `${previousMonth(month)}-01`;
  const empty = { teamId, month, measure, lastCompleteBillingDay: last, current: null, previous: null, services: [], days: [] };
  if (to === null) return empty;

  const elapsed = daysBetween(start, to).length;
  const previousEnd = addDays(previousStart, elapsed - 1) < lastDayOfMonth(previousMonth(month)) ? addDays(previousStart, elapsed - 1) : lastDayOfMonth(previousMonth(month));
  const current = { from: start, to };
  const previous = { from: previousStart, to: previousEnd };

  const [windows, daily] = await Promise.all([
    getTeamServiceWindows(db, { teamId, current, previous, measure }),
    getTeamDailySpend(db, { teamId, from: addDays(start, -28), to, measure }),
  ]);
  const services = windows
    .map((w) => {
      const delta = change(w.current, w.previous);
      return { service: w.service, current: new Decimal(w.current).toFixed(2), previous: new Decimal(w.previous).toFixed(2), changeUsd: new Decimal(delta.amount).toFixed(2), changeRatio: delta.ratio };
    })
    .filter((s) => !(new Decimal(s.current).isZero() && new Decimal(s.previous).isZero()))
    .sort(byAbsoluteChange);
  const amountOn = new Map(daily.map((d) => [d.day, new Decimal(d.amount)]));
  const days = daysBetween(start, to).map((day) => {
    const comparedWith = addDays(day, -28);
    const amount = amountOn.get(day) ?? new Decimal(0);
    const before = amountOn.get(comparedWith) ?? new Decimal(0);
    const delta = change(amount.toString(), before.toString());
    return { day, amount: amount.toFixed(2), comparedWith, previous: before.toFixed(2), changeUsd: new Decimal(delta.amount).toFixed(2), changeRatio: delta.ratio };
  });
  return { ...empty, current, previous, services, days };
}
export type BudgetMovers = Awaited<ReturnType<typeof getBudgetMovers>>;
