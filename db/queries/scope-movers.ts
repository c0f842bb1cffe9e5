// Spend of a set of teams (or everyone) per service or per account over two day ranges, for the
// business review's biggest movers. Rollups only.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { measureColumn, type Measure } from "./measure";
import { costRollupRange } from "./rollup-range";

export interface DimensionWindows {
  key: string;
  name: string;
  current: string;
  previous: string;
}

type Range = { from: string; to: string };

export async function getScopeDimensionWindows(
  db: DbOrTx,
  options: { dimension: "service" | "account"; teamIds: string[]; current: Range; previous: Range; measure: Measure },
): Promise<DimensionWindows[]> {
  const column = measureColumn(options.measure, "r");
  const key = sql.raw(options.dimension === "service" ? "r.service" : "r.account_id");
  const teams = options.teamIds.length ? sql`where r.team_id in (${sql.join(options.teamIds.map((t) => sql`${t}`), sql`, `)})` : sql``;
  const window = (range: Range, label: "current" | "previous") =>
    sql`select ${key} as key, ${sql.raw(`'${label}'`)} as w, sum(${column}) as amount from ${costRollupRange(range.from, range.to)} r ${teams} group by 1`;
  const name = options.dimension === "account" ? sql`coalesce(a.name, s.key)` : sql`s.key`;
  const accounts = options.dimension === "account" ? sql`left join accounts a on a.id = s.key` : sql``;
  return queryRows<DimensionWindows>(
    db,
    sql`select s.key, ${name} as name, coalesce(sum(s.amount) filter (where s.w = 'current'), 0)::text as current,
          coalesce(sum(s.amount) filter (where s.w = 'previous'), 0)::text as previous
        from (${window(options.current, "current")} union all ${window(options.previous, "previous")}) s ${accounts}
        group by 1, 2 order by 1`,
  );
}
