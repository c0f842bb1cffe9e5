// The largest (day, service) cells of a team's daily breakdown: where a "why?" is most worth asking.
import type { DailyBreakdown } from "../../api/use-team-detail";
import { compareDecimal } from "../../format/compare-decimal";

/** The API sums the tail of the breakdown as "Other" (db/queries/team-detail.ts): not one service, so not a cell. */
const OTHER_SERIES = "Other";

export interface ServiceDay {
  day: string;
  service: string;
  amount: string;
}

export function topServiceDays(breakdown: DailyBreakdown, limit: number): ServiceDay[] {
  const cells: ServiceDay[] = [];
  for (const day of breakdown.days) {
    for (const [service, amount] of Object.entries(day.values)) {
      if (service !== OTHER_SERIES && !/^-?0*(\.0*)?$/.test(amount)) cells.push({ day: day.day, service, amount });
    }
  }
  return cells.sort((a, b) => compareDecimal(b.amount, a.amount) || b.day.localeCompare(a.day)).slice(0, limit);
}
