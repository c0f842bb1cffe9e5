// Attributed cost for the efficiency metrics: per day for a scope (teams / services / environments),
// and per month x team x environment. Days are the attributed_costs day column as text (UTC dates).
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { measureColumn, type Measure } from "./measure";

export interface CostScope {
  teams?: string[];
  services?: string[];
  /** production / development / data / shared, or "unknown" for spend without an environment. */
  environments?: string[];
}

function scopeFilter(scope: CostScope): SQL {
  const parts: SQL[] = [];
  if (scope.teams?.length) parts.push(sql`ac.team_id in (${sql.join(scope.teams.map((t) => sql`${t}`), sql`, `)})`);
  if (scope.services?.length) parts.push(sql`ac.service in (${sql.join(scope.services.map((s) => sql`${s}`), sql`, `)})`);
  if (scope.environments?.length) {
    const named = scope.environments.filter((e) => e !== "unknown");
    const environment = named.length ? sql`ac.environment in (${sql.join(named.map((e) => sql`${e}`), sql`, `)})` : sql`false`;
    parts.push(scope.environments.includes("unknown") ? sql`(${environment} or ac.environment is null)` : environment);
  }
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

/** Cost per day of a scope, from..to inclusive; days without cost are absent. */
export async function getDailyScopeCost(db: DbOrTx, options: { measure: Measure; from: string; to: string; scope: CostScope }): Promise<Map<string, string>> {
  const rows = await queryRows<{ day: string; amount: string }>(
    db,
    sql`select ac.day::text as day, sum(${measureColumn(options.measure)})::text as amount
        from attributed_costs ac
        where ac.day >= ${options.from}::date and ac.day <= ${options.to}::date ${scopeFilter(options.scope)}
        group by ac.day`,
  );
  return new Map(rows.map((r) => [r.day, r.amount]));
}

export interface MonthTeamEnvironmentCost {
  month: string; // YYYY-MM
  teamId: string;
  environment: string | null;
  amount: string;
}

/** Cost per month x team x environment over days from..to inclusive (optionally some services only). */
export async function getMonthlyCostBreakdown(db: DbOrTx, options: { measure: Measure; from: string; to: string; services?: string[] }): Promise<MonthTeamEnvironmentCost[]> {
  return queryRows<MonthTeamEnvironmentCost>(
    db,
    sql`select to_char(ac.day, 'YYYY-MM') as month, ac.team_id as "teamId", ac.environment, sum(${measureColumn(options.measure)})::text as amount
        from attributed_costs ac
        where ac.day >= ${options.from}::date and ac.day <= ${options.to}::date ${scopeFilter({ services: options.services })}
        group by 1, 2, 3 order by 1, 2, 3`,
  );
}

/** Every team (kind = 'team') with its name, plus "unattributed" when it has spend. */
export async function listTeamNames(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(db, sql`select id, name from teams where kind = 'team' order by id`);
}
