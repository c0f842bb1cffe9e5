// Where a dashboard read gets its costs: the rollups, never line items. A day range splits into
// whole months (the monthly rollup, ~30x fewer rows) and the partial months at its edges (daily).
import { sql, type SQL } from "drizzle-orm";
import { addDays, firstOfMonth } from "../calendar";

const DIMENSIONS = "team_id, account_id, service, environment, record_type, unblended_cost, amortized_cost, net_amortized_cost";

/**
 * A derived table of cost rows for [from, toInclusive] with the rollup dimensions and measures; alias it.
 * Its `day` is the month's first day on monthly rows: group by month or not at all.
 */
export function costRollupRange(from: string, toInclusive: string): SQL {
  const firstWhole = from === firstOfMonth(from) ? from : firstOfMonth(addDays(firstOfMonth(from), 32));
  const afterTo = addDays(toInclusive, 1);
  const endWhole = afterTo === firstOfMonth(afterTo) ? afterTo : firstOfMonth(afterTo);
  if (firstWhole >= endWhole) return costRollupDays(from, toInclusive);
  return sql`(select month as day, ${sql.raw(DIMENSIONS)} from cost_rollup_monthly where month >= ${firstWhole}::date and month < ${endWhole}::date
    union all select day, ${sql.raw(DIMENSIONS)} from cost_rollup_daily
      where (day >= ${from}::date and day < ${firstWhole}::date) or (day >= ${endWhole}::date and day <= ${toInclusive}::date))`;
}

/** The daily rollup for [from, toInclusive] (with its day column), for reads that need days. */
export function costRollupDays(from: string, toInclusive: string): SQL {
  return sql`(select day, ${sql.raw(DIMENSIONS)} from cost_rollup_daily where day >= ${from}::date and day <= ${toInclusive}::date)`;
}
