// The Teams list: each team's month to date, the same days last month, and last month in full.
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../client";
import { currentTreeJoins } from "./team-tree";
import { addDays, monthOf, previousMonth, lastDayOfMonth } from "../calendar";
import { getLastCompleteBillingDay } from "./billing-status";
import { measureColumn, type Measure } from "./measure";
import { change } from "./ratio";
import { costRollupDays, costRollupRange } from "./rollup-range";

export async function listTeams(db: DbOrTx, options: { measure: Measure }) {
  const lastDay = await getLastCompleteBillingDay(db);
  const teamRows = await queryRows<{ id: string; name: string; groupId: string | null; groupName: string | null; orgId: string | null; orgName: string | null }>(
    db,
    sql`select t.id, t.name, g.id as "groupId", g.name as "groupName", o.id as "orgId", o.name as "orgName"
        from teams t ${currentTreeJoins}
        where t.kind = 'team' order by t.name`,
  );
  if (!lastDay) return { lastCompleteBillingDay: null, teams: teamRows.map((team) => ({ ...team, ...emptySpend() })) };

  const month = monthOf(lastDay);
  const lastMonth = previousMonth(month);
  const dayOfMonth = Number(lastDay.slice(8, 10));
  // The same number of days last month (clipped to its length), so a partial month compares fairly.
  const lastMonthSameDay = [addDays(`${lastMonth}-01`, dayOfMonth - 1), lastDayOfMonth(lastMonth)].sort()[0]!;
  const column = measureColumn(options.measure);
  // Last month whole from the monthly rollup; the days compared side by side from the daily one.
  const spend = await queryRows<{ teamId: string; monthToDate: string; previousMonthToDate: string; lastMonth: string }>(
    db,
    sql`select ac.team_id as "teamId",
          coalesce(sum(${column}) filter (where ac.source = 'daily' and ac.day >= ${`${month}-01`}::date), 0)::text as "monthToDate",
          coalesce(sum(${column}) filter (where ac.source = 'daily' and ac.day < ${`${month}-01`}::date), 0)::text as "previousMonthToDate",
          coalesce(sum(${column}) filter (where ac.source = 'monthly'), 0)::text as "lastMonth"
        from (select 'daily' as source, d.* from ${costRollupDays(`${lastMonth}-01`, lastMonthSameDay)} d
              union all select 'daily', d.* from ${costRollupDays(`${month}-01`, lastDay)} d
              union all select 'monthly', m.* from ${costRollupRange(`${lastMonth}-01`, lastDayOfMonth(lastMonth))} m) ac
        group by ac.team_id`,
  );
  const byTeam = new Map(spend.map((row) => [row.teamId, row]));
  const teams = teamRows
    .map((team) => {
      const row = byTeam.get(team.id);
      if (!row) return { ...team, ...emptySpend() };
      return { ...team, monthToDate: row.monthToDate, previousMonthToDate: row.previousMonthToDate, lastMonth: row.lastMonth, change: change(row.monthToDate, row.previousMonthToDate) };
    })
    .sort((a, b) => new Decimal(b.monthToDate).comparedTo(a.monthToDate) || a.name.localeCompare(b.name));
  return { lastCompleteBillingDay: lastDay, month, lastMonth, teams };
}

function emptySpend() {
  return { monthToDate: "0", previousMonthToDate: "0", lastMonth: "0", change: { amount: "0", ratio: null as string | null } };
}
