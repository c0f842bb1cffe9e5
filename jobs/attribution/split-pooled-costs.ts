// Splits the pooled lines of attribution_staging across teams and writes them as attributed costs.
// Proportional pools weigh each team by its direct amortized cost that day or that month so far, so
// a team's share of support or credits follows what it runs; every part sums to its pool exactly.
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
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
  const teamsOn = await teamsInForce(tx);
  const basis = await directCostBasis(tx);

  const rows: (typeof attributedCosts.$inferInsert)[] = [];
  let evenFallbacks = 0;
  for (const group of groups) {
    const pool = pools.get(group.poolId)!;
    const teams = pool.teamIds ?? teamsOn(group.day);
    const method: SplitMethod = pool.method === "fixed" ? { kind: "fixed", weights: pool.weights ?? {} } : { kind: pool.method };
    const weights = pool.method === "proportional" ? basisOf(basis.get(pool.period === "day" ? group.day : `month:${group.day}`), teams) : undefined;
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

/**
 * "Every team" means the teams in the org tree on that day: a team added from a date shares no pool
 * before it, and a removed team none after.
 */
async function teamsInForce(tx: DbOrTx): Promise<(day: string) => string[]> {
  const spans = await queryRows<{ id: string; validFrom: string; validTo: string | null }>(
    tx,
    sql`select tp.child_id as id, tp.valid_from::text as "validFrom", tp.valid_to::text as "validTo"
        from team_parents tp join teams t on t.id = tp.child_id where t.kind = 'team' and t.id <> ${UNATTRIBUTED_TEAM_ID}`,
  );
  const cache = new Map<string, string[]>();
  return (day) => {
    let teams = cache.get(day);
    if (!teams) {
      teams = [...new Set(spans.filter((s) => s.validFrom <= day && (s.validTo === null || day < s.validTo)).map((s) => s.id))].sort();
      cache.set(day, teams);
    }
    return teams;
  };
}

/** The bases of the pool's own teams only: other teams' direct costs do not weigh in. */
function basisOf(all: Record<string, string> | undefined, teams: string[]): Record<string, string> {
  return Object.fromEntries(teams.flatMap((team) => (all?.[team] ? [[team, all[team]]] : [])));
}

/**
 * Each team's direct amortized cost per day, and per month so far (keys "YYYY-MM-DD" and
 * "month:YYYY-MM-DD"). A monthly pool weighs a day by the month through that day, never by later
 * days: so a day's split does not change when later days arrive or are restated, and a rule change
 * from a date changes nothing before it.
 */
async function directCostBasis(tx: DbOrTx): Promise<Map<string, Record<string, string>>> {
  const rows = await queryRows<{ day: string; teamId: string; amount: string }>(
    tx,
    sql`select day::text as day, team_id as "teamId", sum(amortized)::text as amount
        from attribution_staging where pool_id is null and team_id is not null group by 1, 2 order by 1`,
  );
  const basis = new Map<string, Record<string, string>>();
  const days = [...new Set((await queryRows<{ day: string }>(tx, sql`select distinct day::text as day from attribution_staging order by 1`)).map((r) => r.day))];
  let month = "";
  let running = new Map<string, Decimal>();
  let next = 0;
  for (const day of days) {
    if (day.slice(0, 7) !== month) [month, running] = [day.slice(0, 7), new Map()];
    const today: Record<string, string> = {};
    for (; next < rows.length && rows[next]!.day === day; next++) {
      const { teamId, amount } = rows[next]!;
      today[teamId] = amount;
      running.set(teamId, (running.get(teamId) ?? new Decimal(0)).plus(amount));
    }
    basis.set(day, today);
    basis.set(`month:${day}`, Object.fromEntries([...running].map(([team, total]) => [team, total.toString()])));
  }
  return basis;
}
