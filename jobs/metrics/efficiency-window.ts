// The months every efficiency view covers: back from the last complete billing day, so a day whose
// bill is still arriving is never counted (in cost or in volume).
import type { DbOrTx } from "../../db/client";
import { firstOfMonth, lastDayOfMonth, monthOf, monthsBetween, previousMonth } from "../../db/calendar";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";

export const DEFAULT_EFFICIENCY_MONTHS = 14;

export interface EfficiencyWindow {
  lastCompleteBillingDay: string;
  /** First day of the first month shown. */
  from: string;
  /** The last complete billing day: the window's last day. */
  to: string;
  /** The month of the last complete day (complete or not). */
  currentMonth: string;
  /** The newest month billed to its last day. */
  lastFullMonth: string;
  months: string[];
  fullMonths: string[];
}

export function efficiencyWindowFor(lastCompleteBillingDay: string, months = DEFAULT_EFFICIENCY_MONTHS): EfficiencyWindow {
  const currentMonth = monthOf(lastCompleteBillingDay);
  const lastFullMonth = lastDayOfMonth(currentMonth) === lastCompleteBillingDay ? currentMonth : previousMonth(currentMonth);
  const from = firstOfMonth(lastCompleteBillingDay, months - 1);
  const all = monthsBetween(monthOf(from), currentMonth);
  return { lastCompleteBillingDay, from, to: lastCompleteBillingDay, currentMonth, lastFullMonth, months: all, fullMonths: all.filter((m) => m <= lastFullMonth) };
}

/** Null before the first sync has committed. */
export async function getEfficiencyWindow(db: DbOrTx, months = DEFAULT_EFFICIENCY_MONTHS): Promise<EfficiencyWindow | null> {
  const lastDay = await getLastCompleteBillingDay(db);
  return lastDay ? efficiencyWindowFor(lastDay, months) : null;
}
