// What a team's weekly digest says: counts per status, the biggest unresolved nudges, resolved this week.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import type { DigestMessage } from "./webhook-payloads";

export async function loadDigest(db: DbOrTx, teamId: string, teamName: string, weekStart: string): Promise<DigestMessage> {
  const counts = await queryRows<{ status: string; n: number }>(
    db,
    sql`select status, count(*)::int as n from nudges where team_id = ${teamId} and status <> 'resolved' group by 1`,
  );
  const top = await queryRows<{ id: number; rule: string; title: string; monthlyAtStake: string; status: string }>(
    db,
    sql`select id::int as id, rule, title, monthly_at_stake::text as "monthlyAtStake", status from nudges
        where team_id = ${teamId} and status in ('open', 'acknowledged') order by monthly_at_stake desc, id limit 5`,
  );
  const [resolved] = await queryRows<{ n: number; atStake: string }>(
    db,
    sql`select (select count(*)::int from nudges where team_id = ${teamId} and status = 'resolved' and resolved_day >= ${weekStart}::date) as n,
          (select coalesce(sum(monthly_at_stake), 0)::text from nudges where team_id = ${teamId} and status in ('open', 'acknowledged')) as "atStake"`,
  );
  return {
    teamId,
    teamName,
    weekStart,
    counts: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    top,
    resolvedThisWeek: resolved!.n,
    monthlyAtStake: resolved!.atStake,
  };
}
