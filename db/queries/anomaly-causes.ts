// The rows behind an anomaly's cause: the team's usage of the service per account (from the rollup),
// and per usage type and resource from the line items of the accounts where the team had that
// service on those days. Line items carry no team, so in an account shared by several teams the
// usage-type split is the service's in that account (exact when one team owns the service).
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { sqlArray, USAGE_RECORD_TYPES } from "./anomaly-series";

export interface CauseRows {
  accounts: Array<{ key: string; day: string; amount: string }>;
  usageTypes: Array<{ key: string; day: string; amount: string }>;
  resources: Array<{ key: string; day: string; amount: string }>;
}

export async function loadAnomalyCauseRows(db: DbOrTx, params: { teamId: string; service: string; days: string[] }): Promise<CauseRows> {
  const days = sqlArray(params.days, "date");
  const usage = sqlArray(USAGE_RECORD_TYPES);
  const accounts = await queryRows<{ key: string; day: string; amount: string }>(
    db,
    sql`select account_id as key, day::text as day, sum(amortized_cost)::text as amount from cost_rollup_daily
        where team_id = ${params.teamId} and service = ${params.service} and day = any(${days}) and record_type = any(${usage})
        group by 1, 2`,
  );
  const accountIds = [...new Set(accounts.map((row) => row.key))];
  if (accountIds.length === 0) return { accounts, usageTypes: [], resources: [] };
  const lines = sql`from cost_line_items where service = ${params.service} and day = any(${days})
        and account_id = any(${sqlArray(accountIds)}) and record_type = any(${usage})`;
  const [usageTypes, resources] = [
    await queryRows<{ key: string; day: string; amount: string }>(
      db,
      sql`select usage_type as key, day::text as day, sum(amortized_cost)::text as amount ${lines} and usage_type <> '' group by 1, 2`,
    ),
    await queryRows<{ key: string; day: string; amount: string }>(
      db,
      sql`select resource_id as key, day::text as day, sum(amortized_cost)::text as amount ${lines} and resource_id is not null group by 1, 2`,
    ),
  ];
  return { accounts, usageTypes, resources };
}
