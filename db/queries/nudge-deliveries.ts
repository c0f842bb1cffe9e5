// The delivery side of nudges: each team's webhook settings, the delivery log, and what is due.
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { nudgeDeliveries, nudgeDeliverySettings, nudges, type DeliveryChannel } from "../schema/nudges";
import { teams } from "../schema/org";

export type DeliverySettingsRow = typeof nudgeDeliverySettings.$inferSelect;

export async function listDeliverySettings(db: DbOrTx, teamId?: string): Promise<DeliverySettingsRow[]> {
  return db.select().from(nudgeDeliverySettings).where(teamId ? eq(nudgeDeliverySettings.teamId, teamId) : undefined);
}

/** Sets the given URLs (null clears one; undefined keeps it). */
export async function saveDeliverySettings(
  db: DbOrTx,
  teamId: string,
  change: { slackWebhookUrl?: string | null; jsonWebhookUrl?: string | null },
  actor: string,
): Promise<DeliverySettingsRow> {
  const values = { teamId, slackWebhookUrl: change.slackWebhookUrl ?? null, jsonWebhookUrl: change.jsonWebhookUrl ?? null, updatedBy: actor, updatedAt: new Date() };
  const set: Partial<DeliverySettingsRow> = { updatedBy: actor, updatedAt: new Date() };
  if (change.slackWebhookUrl !== undefined) set.slackWebhookUrl = change.slackWebhookUrl;
  if (change.jsonWebhookUrl !== undefined) set.jsonWebhookUrl = change.jsonWebhookUrl;
  const [row] = await db.insert(nudgeDeliverySettings).values(values).onConflictDoUpdate({ target: nudgeDeliverySettings.teamId, set }).returning();
  return row!;
}

/** Open nudges of the teams that have a webhook: candidates for a delivery per opening and channel. */
export async function openNudgesOfTeams(db: DbOrTx, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({ nudge: nudges, teamName: teams.name })
    .from(nudges)
    .leftJoin(teams, eq(teams.id, nudges.teamId))
    .where(and(eq(nudges.status, "open"), inArray(nudges.teamId, teamIds)));
}

export interface NewDelivery {
  id: string;
  teamId: string;
  channel: DeliveryChannel;
  kind: "nudge" | "digest";
  nudgeId: number | null;
  payload: Record<string, unknown>;
}

/** Records deliveries that do not exist yet (the id is the idempotency key); returns how many were new. */
export async function insertDeliveries(db: DbOrTx, rows: NewDelivery[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(nudgeDeliveries).values(rows).onConflictDoNothing().returning({ id: nudgeDeliveries.id });
  return inserted.length;
}

export async function dueDeliveries(db: DbOrTx, maxAttempts: number) {
  return db
    .select()
    .from(nudgeDeliveries)
    .where(and(eq(nudgeDeliveries.status, "pending"), lt(nudgeDeliveries.attempts, maxAttempts)))
    .orderBy(nudgeDeliveries.createdAt, nudgeDeliveries.id);
}

/** Written before the request goes out, so a crash mid-send leaves a pending row that is re-sent with the same key. */
export async function recordAttempt(db: DbOrTx, id: string): Promise<void> {
  await db.update(nudgeDeliveries).set({ attempts: sql`${nudgeDeliveries.attempts} + 1`, lastAttemptAt: new Date() }).where(eq(nudgeDeliveries.id, id));
}

export async function recordOutcome(db: DbOrTx, id: string, outcome: { status: "sent" | "pending" | "failed"; statusCode: number | null; error: string | null }) {
  await db
    .update(nudgeDeliveries)
    .set({ status: outcome.status, lastStatusCode: outcome.statusCode, lastError: outcome.error, sentAt: outcome.status === "sent" ? new Date() : undefined })
    .where(eq(nudgeDeliveries.id, id));
}

export async function listDeliveries(db: DbOrTx, params: { teamId?: string; limit: number }) {
  return db
    .select({
      id: nudgeDeliveries.id,
      teamId: nudgeDeliveries.teamId,
      channel: nudgeDeliveries.channel,
      kind: nudgeDeliveries.kind,
      nudgeId: nudgeDeliveries.nudgeId,
      status: nudgeDeliveries.status,
      attempts: nudgeDeliveries.attempts,
      lastStatusCode: nudgeDeliveries.lastStatusCode,
      lastError: nudgeDeliveries.lastError,
      createdAt: nudgeDeliveries.createdAt,
      lastAttemptAt: nudgeDeliveries.lastAttemptAt,
      sentAt: nudgeDeliveries.sentAt,
    })
    .from(nudgeDeliveries)
    .where(params.teamId ? eq(nudgeDeliveries.teamId, params.teamId) : undefined)
    .orderBy(desc(nudgeDeliveries.createdAt), desc(nudgeDeliveries.id))
    .limit(params.limit);
}
