// The Overview page's numbers: spend per month, how much of it has an owner, who spends most.
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../client";
import { UNATTRIBUTED_TEAM_ID } from "../schema";
import { firstOfMonth, monthsBetween, monthOf, lastDayOfMonth, previousMonth } from "../calendar";
import { getLastCompleteBillingDay } from "./billing-status";
import { measureColumn, type Measure } from "./measure";
import { ratio } from "./ratio";
import { costRollupRange } from "./rollup-range";

export interface MonthSpend {
  month: string;
  total: string;
  attributed: string;
  unattributed: string;
  /** attributed / total, absent when total is zero. */
  shareAttributed: string | null;
}

export async function getOverview(db: DbOrTx, options: { measure: Measure; months: number }) {
  const lastDay = await getLastCompleteBillingDay(db);
  if (!lastDay) return { lastCompleteBillingDay: null, months: [], topTeams: [], unattributedByAccount: [], currentMonth: null, lastFullMonth: null };
  const currentMonth = monthOf(lastDay);
  const firstMonth = firstOfMonth(lastDay, options.months - 1).slice(0, 7);
  const column = measureColumn(options.measure);

  // Whole past months from the monthly rollup, the current month's complete days from the daily one.
  const monthRows = await queryRows<{ month: string; total: string; attributed: string }>(
    db,
    sql`select to_char(ac.day, 'YYYY-MM') as month, sum(${column})::text as total,
          coalesce(sum(${column}) filter (where ac.team_id <> ${UNATTRIBUTED_TEAM_ID}), 0)::text as attributed
        from ${costRollupRange(`${firstMonth}-01`, lastDay)} ac
        group by 1`,
  );
  const byMonth = new Map(monthRows.map((row) => [row.month, row]));
  const months = monthsBetween(firstMonth, currentMonth).map((month) => monthSpend(month, byMonth.get(month)));

  const lastFullMonth = previousMonth(currentMonth);
  const topTeams = await queryRows<{ teamId: string; name: string; amount: string }>(
    db,
    sql`select ac.team_id as "teamId", t.name, sum(${column})::text as amount
        from ${costRollupRange(`${lastFullMonth}-01`, lastDayOfMonth(lastFullMonth))} ac join teams t on t.id = ac.team_id
        where ac.team_id <> ${UNATTRIBUTED_TEAM_ID}
        group by ac.team_id, t.name order by sum(${column}) desc limit 10`,
  );
  const unattributedByAccount = await queryRows<{ accountId: string; accountName: string; amount: string; untaggedResources: number }>(
    db,
    sql`select ac.account_id as "accountId", coalesce(a.name, ac.account_id) as "accountName", sum(${column})::text as amount,
          (select count(*)::int from resources r where r.account_id = ac.account_id
             and not exists (select 1 from owner_tag_keys k where coalesce(trim(r.tags ->> k.tag_key), '') <> '')) as "untaggedResources"
        from ${costRollupRange(`${lastFullMonth}-01`, lastDayOfMonth(lastFullMonth))} ac left join accounts a on a.id = ac.account_id
        where ac.team_id = ${UNATTRIBUTED_TEAM_ID}
        group by ac.account_id, a.name order by sum(${column}) desc`,
  );
  return {
    lastCompleteBillingDay: lastDay,
    currentMonth,
    lastFullMonth,
    months,
    topTeams,
    unattributedByAccount,
  };
}

function monthSpend(month: string, row: { total: string; attributed: string } | undefined): MonthSpend {
  if (!row) return { month, total: "0", attributed: "0", unattributed: "0", shareAttributed: null };
  const total = new Decimal(row.total);
  return {
    month,
    total: row.total,
    attributed: row.attributed,
    unattributed: total.minus(row.attributed).toString(),
    shareAttributed: ratio(row.attributed, row.total),
  };
}
