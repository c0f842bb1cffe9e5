// Reads of the business inputs: operations, headcount, revenue, vendors and goals. Months come back
// as YYYY-MM and days as YYYY-MM-DD text, so nothing passes through a time zone.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import type { Goal } from "../domain/metric-goals";

/** Operation count per day of one metric (optionally some teams' only), from..to inclusive. */
export async function getDailyOperations(db: DbOrTx, options: { metric: string; from: string; to: string; teams?: string[] }): Promise<Map<string, string>> {
  const teams = options.teams?.length ? sql`and team_id in (${sql.join(options.teams.map((t) => sql`${t}`), sql`, `)})` : sql``;
  const rows = await queryRows<{ day: string; count: string }>(
    db,
    sql`select day::text as day, sum(count)::text as count from product_operations
        where metric = ${options.metric} and day >= ${options.from}::date and day <= ${options.to}::date ${teams}
        group by day`,
  );
  return new Map(rows.map((r) => [r.day, r.count]));
}

export interface MonthTeamOperations {
  month: string;
  teamId: string;
  metric: string;
  count: string;
}

/** Operation counts per month x team x metric over days from..to inclusive (team '' = none). */
export async function getMonthlyOperationsByTeam(db: DbOrTx, options: { from: string; to: string }): Promise<MonthTeamOperations[]> {
  return queryRows<MonthTeamOperations>(
    db,
    sql`select to_char(day, 'YYYY-MM') as month, team_id as "teamId", metric, sum(count)::text as count from product_operations
        where day >= ${options.from}::date and day <= ${options.to}::date group by 1, 2, 3 order by 1, 2, 3`,
  );
}

export async function listOperationMetrics(db: DbOrTx): Promise<{ metric: string; teams: string[]; products: string[] }[]> {
  return queryRows(
    db,
    sql`select metric, array_remove(array_agg(distinct team_id), '') as teams, array_agg(distinct product) as products
        from product_operations group by metric order by metric`,
  );
}

export async function getHeadcount(db: DbOrTx): Promise<{ month: string; teamId: string; engineers: number }[]> {
  return queryRows(db, sql`select to_char(month, 'YYYY-MM') as month, team_id as "teamId", engineers from headcount order by 1, 2`);
}

export interface RevenueMonth {
  month: string;
  revenue: string;
  cash: string;
  netBurn: string;
}

export async function getRevenueMonths(db: DbOrTx): Promise<RevenueMonth[]> {
  return queryRows(
    db,
    sql`select to_char(month, 'YYYY-MM') as month, revenue_usd::text as revenue, cash_usd::text as cash, net_burn_usd::text as "netBurn"
        from revenue_months order by 1`,
  );
}

export interface Vendor {
  name: string;
  monthlyCostUsd: string;
  category: string;
  teamId: string;
  renewalDate: string;
  production: boolean;
  startDate: string;
  /** Inclusive; null = until the vendor's next contract starts, or for good. */
  endDate: string | null;
}

export async function getVendors(db: DbOrTx): Promise<Vendor[]> {
  return queryRows(
    db,
    sql`select name, monthly_cost_usd::text as "monthlyCostUsd", category, team_id as "teamId", renewal_date::text as "renewalDate", production,
          start_date::text as "startDate", end_date::text as "endDate"
        from vendors order by name, start_date`,
  );
}

export async function getGoals(db: DbOrTx): Promise<Goal[]> {
  return queryRows(
    db,
    sql`select metric_key as "metricKey", applies_from::text as "appliesFrom", target_value::text as "targetValue", unit_n as "unitN", team_id as "teamId"
        from metric_goals order by 1, 2`,
  );
}

/** A business table as its CSV columns, for export (same columns an import takes). */
export async function getBusinessTableForExport(db: DbOrTx, kind: "operations" | "headcount" | "revenue" | "vendors" | "goals"): Promise<Record<string, unknown>[]> {
  const queries = {
    operations: sql`select day::text as day, product, metric, team_id as team, count::text as count from product_operations order by day, product, metric, team_id`,
    headcount: sql`select to_char(month, 'YYYY-MM') as month, team_id as team, engineers from headcount order by month, team_id`,
    revenue: sql`select to_char(month, 'YYYY-MM') as month, revenue_usd::text as revenue_usd, cash_usd::text as cash_usd, net_burn_usd::text as net_burn_usd from revenue_months order by month`,
    vendors: sql`select name, monthly_cost_usd::text as monthly_cost_usd, category, team_id as team, renewal_date::text as renewal_date, case when production then 'yes' else 'no' end as production,
      start_date::text as start_date, coalesce(end_date::text, '') as end_date from vendors order by name, start_date`,
    goals: sql`select metric_key, target_value::text as target_value, unit_n, applies_from::text as applies_from, coalesce(team_id, '') as team from metric_goals order by metric_key, applies_from`,
  };
  return queryRows(db, queries[kind]);
}
