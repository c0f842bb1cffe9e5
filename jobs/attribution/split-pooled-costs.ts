// Splits the pooled lines of attribution_staging across teams and writes them as attributed costs.
// Proportional pools weigh each team by its direct amortized cost in the same day or month, so a
// team's share of support or credits follows what it runs; every part sums to its pool exactly.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { attributedCosts, UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { splitPool, type SplitMethod } from "./split-pool";

const INSERT_CHUNK = 1000;
const MEASURES = ["unblended", "amortized", "netAmortized"] as const;

interface PooledGroup {
  day: string;
  poolId: number;
  accountId: string;
  service: string;
  recordType: string;
  environment: string | null;
  unblended: string;
  amortized: string;
  netAmortized: string;
}

interface Pool {
  id: number;
  method: "proportional" | "even" | "fixed";
  period: "day" | "month";
  weights: Record<string, string> | null;
  teamIds: string[] | null;
}

export async function splitPooledCosts(tx: DbOrTx, runId: number): Promise<{ rows: number; evenFallbacks: number }> {
  const groups = await queryRows<PooledGroup>(
    tx,
    sql`select day::text as day, pool_id as "poolId", account_id as "accountId", service, record_type as "recordType", environment,
          unblended::text as unblended, amortized::text as amortized, net_amortized::text as "netAmortized"
        from attribution_staging where pool_id is not null order by 1, 2, 3, 4, 5, 6`,
  );
  if (groups.length === 0) return { rows: 0, evenFallbacks: 0 };
  const pools = new Map(
    (
      await queryRows<Pool>(
        tx,
        sql`select id, method::text as method, period::text as period, weights, team_ids as "teamIds"
            from shared_cost_pools where id in (select distinct pool_id from attribution_staging where pool_id is not null)`,
      )
    ).map((pool) => [pool.id, pool]),
  );
  const allTeams = (await queryRows<{ id: string }>(tx, sql`select id from teams where kind = 'team' and id <> ${UNATTRIBUTED_TEAM_ID}`)).map((t) => t.id);
  const basis = await directCostBasis(tx);

  const rows: (typeof attributedCosts.$inferInsert)[] = [];
  let evenFallbacks = 0;
  for (const group of groups) {
    const pool = pools.get(group.poolId)!;
    const teams = pool.teamIds ?? allTeams;
    const method: SplitMethod = pool.method === "fixed" ? { kind: "fixed", weights: pool.weights ?? {} } : { kind: pool.method };
    const weights = pool.method === "proportional" ? basisOf(basis.get(pool.period === "day" ? group.day : group.day.slice(0, 7)), teams) : undefined;
    const splits = MEASURES.map((measure) => splitPool({ pool: group[measure], teams, weights, method }));
    if (splits[1]!.fallback) evenFallbacks += 1;
    splits[0]!.shares.forEach((share, i) => {
      const [unblended, amortized, netAmortized] = splits.map((s) => s.shares[i]!.amount);
      if ([unblended, amortized, netAmortized].every((amount) => /^-?0(\.0*)?$/.test(amount!))) return;
      rows.push({
        day: group.day,
        teamId: share.team,
        accountId: group.accountId,
        service: group.service,
        recordType: group.recordType,
        environment: group.environment,
        unblendedCost: unblended!,
        amortizedCost: amortized!,
        netAmortizedCost: netAmortized!,
        poolId: group.poolId,
        decidedBy: "split",
        runId,
      });
    });
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(attributedCosts).values(rows.slice(i, i + INSERT_CHUNK));
  return { rows: rows.length, evenFallbacks };
}

/** The bases of the pool's own teams only: other teams' direct costs do not weigh in. */
function basisOf(all: Record<string, string> | undefined, teams: string[]): Record<string, string> {
  return Object.fromEntries(teams.flatMap((team) => (all?.[team] ? [[team, all[team]]] : [])));
}

/** Each team's direct amortized cost per day and per month ("YYYY-MM-DD" and "YYYY-MM" keys). */
async function directCostBasis(tx: DbOrTx): Promise<Map<string, Record<string, string>>> {
  const rows = await queryRows<{ period: string; teamId: string; amount: string }>(
    tx,
    sql`select day::text as period, team_id as "teamId", sum(amortized)::text as amount
          from attribution_staging where pool_id is null and team_id is not null group by 1, 2
        union all
        select to_char(day, 'YYYY-MM'), team_id, sum(amortized)::text
          from attribution_staging where pool_id is null and team_id is not null group by 1, 2`,
  );
  const basis = new Map<string, Record<string, string>>();
  for (const row of rows) (basis.get(row.period) ?? basis.set(row.period, {}).get(row.period)!)[row.teamId] = row.amount;
  return basis;
}
