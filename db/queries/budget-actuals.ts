// Spend the budget review compares against: each team's daily spend (for the forecast and the days
// that moved) and its spend per service over two windows (the services that moved). Rollups only.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { measureColumn, type Measure } from "./measure";
import { costRollupDays, costRollupRange } from "./rollup-range";

export interface TeamDay {
  teamId: string;
  day: string;
  amount: string;
}

/** Spend per team per day in [from, to]; days without spend are absent (the forecast counts them as zero). */
export async function getTeamDailySpend(db: DbOrTx, options: { from: string; to: string; measure: Measure; teamId?: string }): Promise<TeamDay[]> {
  const team = options.teamId ? sql`where r.team_id = ${options.teamId}` : sql``;
  const rows = await queryRows<TeamDay>(
    db,
    sql`select r.team_id as "teamId", r.day::text as day, sum(${measureColumn(options.measure, "r")})::text as amount
        from ${costRollupDays(options.from, options.to)} r ${team} group by 1, 2 order by 1, 2`,
  );
  return rows.map((row) => ({ ...row, day: String(row.day).slice(0, 10) }));
}

export interface ServiceWindows {
  service: string;
  current: string;
  previous: string;
}

/** A team's spend per service in the current window and in the previous one (both inclusive). */
export async function getTeamServiceWindows(
  db: DbOrTx,
  options: { teamId: string; current: { from: string; to: string }; previous: { from: string; to: string }; measure: Measure },
): Promise<ServiceWindows[]> {
  const column = measureColumn(options.measure, "r");
  const window = (range: { from: string; to: string }, label: "current" | "previous") =>
    sql`select r.service, ${sql.raw(`'${label}'`)} as w, sum(${column}) as amount from ${costRollupRange(range.from, range.to)} r where r.team_id = ${options.teamId} group by 1`;
  return queryRows<ServiceWindows>(
    db,
    sql`select service, coalesce(sum(amount) filter (where w = 'current'), 0)::text as current, coalesce(sum(amount) filter (where w = 'previous'), 0)::text as previous
        from (${window(options.current, "current")} union all ${window(options.previous, "previous")}) s group by 1 order by 1`,
  );
}
