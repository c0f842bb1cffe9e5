// The nudge inbox: nudges of a team (or all) by status, and a person's action on one of them.
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { nudges, type DismissReason, type NudgeStatus } from "../schema/nudges";
import { teams } from "../schema/org";

export const INBOX_VIEWS = { active: ["open", "acknowledged", "snoozed"], open: ["open"], acknowledged: ["acknowledged"], snoozed: ["snoozed"], dismissed: ["dismissed"], resolved: ["resolved"] } as const satisfies Record<string, NudgeStatus[]>;
export type InboxView = keyof typeof INBOX_VIEWS;

const columns = {
  id: nudges.id,
  rule: nudges.rule,
  teamId: nudges.teamId,
  teamName: teams.name,
  subject: nudges.subject,
  title: nudges.title,
  evidence: nudges.evidence,
  monthlyAtStake: nudges.monthlyAtStake,
  action: nudges.action,
  status: nudges.status,
  firstSeenDay: nudges.firstSeenDay,
  lastSeenDay: nudges.lastSeenDay,
  snoozedUntil: nudges.snoozedUntil,
  dismissReason: nudges.dismissReason,
  note: nudges.note,
  actor: nudges.actor,
  actedAt: nudges.actedAt,
  resolvedDay: nudges.resolvedDay,
};

export async function listNudges(db: DbOrTx, params: { teamId?: string; view: InboxView; limit: number }) {
  const where: SQL[] = [inArray(nudges.status, [...INBOX_VIEWS[params.view]])];
  if (params.teamId) where.push(eq(nudges.teamId, params.teamId));
  const rows = await db
    .select(columns)
    .from(nudges)
    .leftJoin(teams, eq(teams.id, nudges.teamId))
    .where(and(...where))
    .orderBy(desc(sql`${nudges.monthlyAtStake}::numeric`), desc(nudges.id))
    .limit(params.limit);
  const [stake] = await db
    .select({ total: sql<string>`coalesce(sum(${nudges.monthlyAtStake}), 0)::text` })
    .from(nudges)
    .where(and(...where));
  const counts = await db
    .select({ status: nudges.status, count: sql<number>`count(*)::int` })
    .from(nudges)
    .where(params.teamId ? eq(nudges.teamId, params.teamId) : undefined)
    .groupBy(nudges.status);
  return { nudges: rows, monthlyAtStake: stake!.total, counts: Object.fromEntries(counts.map((c) => [c.status, c.count])) as Partial<Record<NudgeStatus, number>> };
}

export async function getNudgeStatus(db: DbOrTx, id: number): Promise<NudgeStatus | null> {
  const [row] = await db.select({ status: nudges.status }).from(nudges).where(eq(nudges.id, id));
  return row?.status ?? null;
}

/** What a person's action on a nudge sets (jobs/nudges/nudge-actions.ts works it out). */
export interface NudgeChange {
  status: NudgeStatus;
  snoozedUntil: string | null;
  dismissReason: DismissReason | null;
  note: string | null;
}

export async function saveNudgeChange(db: DbOrTx, id: number, change: NudgeChange, actor: string) {
  await db.update(nudges).set({ ...change, actor, actedAt: new Date() }).where(eq(nudges.id, id));
  const [row] = await db.select(columns).from(nudges).leftJoin(teams, eq(teams.id, nudges.teamId)).where(eq(nudges.id, id));
  return row!;
}
