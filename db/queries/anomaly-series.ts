// Daily spend per team x service for the nudge rules, from the daily rollup (amortized, shared costs
// included). `usage` counts only usage record types: monthly charges (tax, support, fees, credits)
// land on the 1st and would look like a spike every month, so anomaly and growth read `usage`.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { UNATTRIBUTED_TEAM_ID } from "../schema/org";

/** A text[] (or date[]) parameter list: drizzle expands a JS array into a tuple, which will not cast. */
export function sqlArray(values: string[], type: "text" | "date" = "text"): SQL {
  if (values.length === 0) return sql.raw(`array[]::${type}[]`);
  return sql`array[${sql.join(values.map((value) => sql`${value}`), sql`, `)}]::${sql.raw(type)}[]`;
}

export const USAGE_RECORD_TYPES = ["Usage", "DiscountedUsage", "SavingsPlanCoveredUsage"];

export interface TeamServiceDay {
  day: string;
  teamId: string;
  service: string;
  total: string;
  usage: string;
}

export async function loadTeamServiceDays(db: DbOrTx, from: string, toInclusive: string): Promise<TeamServiceDay[]> {
  return queryRows<TeamServiceDay>(
    db,
    sql`select day::text as day, team_id as "teamId", service,
          sum(amortized_cost)::text as total,
          coalesce(sum(amortized_cost) filter (where record_type = any(${sqlArray(USAGE_RECORD_TYPES)})), 0)::text as usage
        from cost_rollup_daily
        where day >= ${from}::date and day <= ${toInclusive}::date and team_id <> ${UNATTRIBUTED_TEAM_ID}
        group by 1, 2, 3`,
  );
}
