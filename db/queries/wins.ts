// Wins as recorded, and the costs and operations their measurement compares (daily rollup only).
import { and, desc, eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { wins } from "../schema";
import { measureColumn, type Measure } from "./measure";
import type { Range } from "./leaderboard-inputs";

export type WinRow = typeof wins.$inferSelect;
export type NewWin = Omit<typeof wins.$inferInsert, "id" | "recordedAt">;

export async function insertWin(db: DbOrTx, win: NewWin): Promise<WinRow> {
  const [row] = await db.insert(wins).values(win).returning();
  return row!;
}

export async function listWins(db: DbOrTx, teamId?: string): Promise<WinRow[]> {
  return db.select().from(wins).where(teamId ? and(eq(wins.teamId, teamId)) : undefined).orderBy(desc(wins.shippedOn), desc(wins.id));
}

export async function getWin(db: DbOrTx, id: number): Promise<WinRow | null> {
  const [row] = await db.select().from(wins).where(eq(wins.id, id));
  return row ?? null;
}

/** A team's cost per day x record type in [from, to], optionally one service / account only. */
export async function getScopeCostRows(
  db: DbOrTx,
  options: { teamId: string; service: string | null; accountId: string | null; range: Range; measure: Measure },
): Promise<{ day: string; recordType: string; amount: string }[]> {
  const service = options.service ? sql`and r.service = ${options.service}` : sql``;
  const account = options.accountId ? sql`and r.account_id = ${options.accountId}` : sql``;
  return queryRows(
    db,
    sql`select r.day::text as day, r.record_type as "recordType", sum(${measureColumn(options.measure, "r")})::text as amount
        from cost_rollup_daily r
        where r.team_id = ${options.teamId} and r.day >= ${options.range.from}::date and r.day <= ${options.range.to}::date ${service} ${account}
        group by 1, 2`,
  );
}

/** A team's operations of its main metric (the largest over both windows) before and after; null if none. */
export async function getWindowOperations(db: DbOrTx, teamId: string, before: Range, after: Range): Promise<{ metric: string; before: string; after: string } | null> {
  const rows = await queryRows<{ metric: string; before: string; after: string }>(
    db,
    sql`select metric,
          coalesce(sum(count) filter (where day >= ${before.from}::date and day <= ${before.to}::date), 0)::text as before,
          coalesce(sum(count) filter (where day >= ${after.from}::date and day <= ${after.to}::date), 0)::text as after
        from product_operations where team_id = ${teamId} and day >= ${before.from}::date and day <= ${after.to}::date
        group by 1 order by sum(count) desc, 1 limit 1`,
  );
  return rows[0] ?? null;
}
