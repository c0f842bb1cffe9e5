// A team's share of each shared cluster over a period (docs/clusters.md): its cluster dollars, split
// into its pods' cost and its part of the idle cost, against the cluster's whole cost in the period.
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../client";
import { measureColumn, type Measure } from "./measure";
import { ratio } from "./ratio";

export interface TeamClusterShare {
  cluster: string;
  /** The team's cost in the cluster: split + idle. */
  amount: string;
  split: string;
  idle: string;
  clusterTotal: string;
  /** amount / clusterTotal to 6 places; null when the cluster's total is 0. */
  share: string | null;
}

export async function getTeamClusterShares(db: DbOrTx, teamId: string, options: { measure: Measure; from: string; to: string }): Promise<TeamClusterShare[]> {
  const column = measureColumn(options.measure);
  const mine = sql`ac.team_id = ${teamId}`;
  const inRange = sql`ac.day >= ${options.from}::date and ac.day <= ${options.to}::date`;
  // The team's clusters first, by the (team_id, day) index: a team with no cluster cost costs one index read.
  const own = await queryRows<{ cluster: string }>(db, sql`select distinct ac.cluster from attributed_costs ac where ${mine} and ${inRange} and ac.cluster is not null`);
  if (own.length === 0) return [];
  const rows = await queryRows<Omit<TeamClusterShare, "share">>(
    db,
    sql`select ac.cluster, coalesce(sum(${column}) filter (where ${mine}), 0)::text as amount,
          coalesce(sum(${column}) filter (where ${mine} and ac.decided_by <> 'idle'), 0)::text as split,
          coalesce(sum(${column}) filter (where ${mine} and ac.decided_by = 'idle'), 0)::text as idle,
          sum(${column})::text as "clusterTotal"
        from attributed_costs ac
        where ac.cluster in (${sql.join(own.map((row) => sql`${row.cluster}`), sql`, `)}) and ${inRange}
        group by 1 order by sum(${column}) filter (where ${mine}) desc, 1`,
  );
  const plain = (amount: string) => new Decimal(amount).toFixed();
  return rows.map((row) => ({ cluster: row.cluster, amount: plain(row.amount), split: plain(row.split), idle: plain(row.idle), clusterTotal: plain(row.clusterTotal), share: ratio(row.amount, row.clusterTotal) }));
}
