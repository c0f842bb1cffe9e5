// What the leaderboard scores from, for a month and its 3-month baseline: cost per team x account x
// service (rollups), operations per team, budgets, how each team's spend was decided, and nudges.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { measureColumn, type Measure } from "./measure";
import { costRollupRange } from "./rollup-range";

export interface Range {
  from: string;
  to: string;
}

export interface CellCost {
  teamId: string;
  accountId: string;
  service: string;
  current: string;
  baseline: string;
}

/** Cost per team (unattributed included) x account x service in the month so far and in the baseline. */
export async function getCellCosts(db: DbOrTx, options: { current: Range; baseline: Range; measure: Measure }): Promise<CellCost[]> {
  const column = measureColumn(options.measure, "r");
  const window = (range: Range, label: "current" | "baseline") =>
    sql`select r.team_id, r.account_id, r.service, ${sql.raw(`'${label}'`)} as w, sum(${column}) as amount
        from ${costRollupRange(range.from, range.to)} r group by 1, 2, 3`;
  return queryRows<CellCost>(
    db,
    sql`select team_id as "teamId", account_id as "accountId", service,
          coalesce(sum(amount) filter (where w = 'current'), 0)::text as current,
          coalesce(sum(amount) filter (where w = 'baseline'), 0)::text as baseline
        from (${window(options.current, "current")} union all ${window(options.baseline, "baseline")}) s group by 1, 2, 3`,
  );
}

export interface TeamOperations {
  teamId: string;
  metric: string;
  current: string;
  baseline: string;
}

/** Operations per team x metric in both windows (rows without a team are left out). */
export async function getTeamOperations(db: DbOrTx, options: { current: Range; baseline: Range }): Promise<TeamOperations[]> {
  const { current, baseline } = options;
  return queryRows<TeamOperations>(
    db,
    sql`select team_id as "teamId", metric,
          coalesce(sum(count) filter (where day >= ${current.from}::date and day <= ${current.to}::date), 0)::text as current,
          coalesce(sum(count) filter (where day >= ${baseline.from}::date and day <= ${baseline.to}::date), 0)::text as baseline
        from product_operations where team_id <> '' and day >= ${baseline.from}::date and day <= ${current.to}::date
        group by 1, 2`,
  );
}

/** Each team's budget for the month (month = YYYY-MM). */
export async function getMonthBudgets(db: DbOrTx, month: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ teamId: string; budget: string }>(
    db,
    sql`select team_id as "teamId", budget_usd::text as budget from team_budgets where month = ${`${month}-01`}::date`,
  );
  return new Map(rows.map((r) => [r.teamId, r.budget]));
}

/**
 * Direct spend per team claimed by an owner tag (or a resource rule) vs by an account's default owner,
 * in the range. Read from attributed costs: the rollups do not keep which rule decided.
 */
export async function getTagClaims(db: DbOrTx, options: { range: Range; measure: Measure }): Promise<Map<string, { tagged: string; claimable: string }>> {
  const column = measureColumn(options.measure, "ac");
  const rows = await queryRows<{ teamId: string; tagged: string; claimable: string }>(
    db,
    sql`select ac.team_id as "teamId",
          coalesce(sum(${column}) filter (where ac.decided_by in ('tag', 'resource')), 0)::text as tagged,
          sum(${column})::text as claimable
        from attributed_costs ac
        where ac.day >= ${options.range.from}::date and ac.day <= ${options.range.to}::date and ac.decided_by in ('tag', 'resource', 'account')
        group by 1`,
  );
  return new Map(rows.map((r) => [r.teamId, { tagged: r.tagged, claimable: r.claimable }]));
}

/** Nudges active at some point of the range per team, and how many of them were resolved in it. */
export async function getNudgeOutcomes(db: DbOrTx, range: Range): Promise<Map<string, { resolved: number; total: number }>> {
  const rows = await queryRows<{ teamId: string; resolved: number; total: number }>(
    db,
    sql`select team_id as "teamId", count(*)::int as total,
          (count(*) filter (where resolved_day >= ${range.from}::date and resolved_day <= ${range.to}::date))::int as resolved
        from nudges where first_seen_day <= ${range.to}::date and (resolved_day is null or resolved_day >= ${range.from}::date)
        group by 1`,
  );
  return new Map(rows.map((r) => [r.teamId, { resolved: r.resolved, total: r.total }]));
}
