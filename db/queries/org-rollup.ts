// Group and org totals as the sums of their teams, with each day's spend rolled up through the
// org tree that was valid on that day (so a reorg moves spend only from its date).
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { measureColumn, type Measure } from "./measure";

export interface OrgUnitTotal {
  id: string;
  name: string;
  kind: "org" | "group" | "team";
  parentId: string | null; // as the tree stood on the last day
  amount: string;
}

export async function getOrgRollup(db: DbOrTx, options: { from: string; to: string; measure: Measure }): Promise<OrgUnitTotal[]> {
  const column = measureColumn(options.measure);
  return queryRows<OrgUnitTotal>(
    db,
    sql`with team_days as (
          select ac.day, ac.team_id, sum(${column}) as amount from cost_rollup_daily ac
          where ac.day >= ${options.from}::date and ac.day <= ${options.to}::date group by 1, 2
        ), group_days as (
          select td.day, tp.parent_id as unit, td.amount from team_days td
          join team_parents tp on tp.child_id = td.team_id and tp.valid_from <= td.day and (tp.valid_to is null or td.day < tp.valid_to)
        ), org_days as (
          select g.day, gp.parent_id as unit, g.amount from group_days g
          join team_parents gp on gp.child_id = g.unit and gp.valid_from <= g.day and (gp.valid_to is null or g.day < gp.valid_to)
        ), units as (
          select team_id as unit, amount from team_days union all select unit, amount from group_days union all select unit, amount from org_days
        )
        select u.unit as id, t.name, t.kind::text as kind, cp.parent_id as "parentId", sum(u.amount)::text as amount
        from units u join teams t on t.id = u.unit
        left join team_parents cp on cp.child_id = u.unit and cp.valid_from <= ${options.to}::date and (cp.valid_to is null or ${options.to}::date < cp.valid_to)
        group by 1, 2, 3, 4 order by 3, sum(u.amount) desc`,
  );
}
