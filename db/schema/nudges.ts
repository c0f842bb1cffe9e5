// Nudges: findings the rules raise for a team, their lifecycle, where a team wants them delivered,
// and every delivery attempt. A finding is identified by its fingerprint (rule + team + subject).
import { pgTable, text, date, numeric, integer, bigint, bigserial, timestamp, jsonb, index, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

export const NUDGE_STATUSES = ["open", "acknowledged", "snoozed", "dismissed", "resolved"] as const;
export type NudgeStatus = (typeof NUDGE_STATUSES)[number];
export const DISMISS_REASONS = ["expected", "seasonal", "migration", "other"] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

/**
 * One episode of a finding: raised, acted on, resolved when the finding disappears. A later recurrence
 * is a new row; the partial unique index keeps one unresolved row per fingerprint.
 */
export const nudges = pgTable(
  "nudges",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    fingerprint: text("fingerprint").notNull(),
    rule: text("rule").notNull(),
    teamId: text("team_id").notNull(),
    subject: text("subject").notNull(),
    title: text("title").notNull(),
    evidence: jsonb("evidence").$type<Record<string, unknown>>().notNull().default({}),
    monthlyAtStake: numeric("monthly_at_stake").notNull(),
    action: text("action").notNull(),
    status: text("status").$type<NudgeStatus>().notNull().default("open"),
    firstSeenDay: date("first_seen_day").notNull(),
    lastSeenDay: date("last_seen_day").notNull(),
    snoozedUntil: date("snoozed_until"),
    dismissReason: text("dismiss_reason").$type<DismissReason>(),
    note: text("note"),
    /** Bumped each time the nudge (re)opens: a delivery belongs to one opening, so a reopened nudge is sent again. */
    openings: integer("openings").notNull().default(1),
    actor: text("actor"),
    actedAt: timestamp("acted_at", { withTimezone: true }),
    resolvedDay: date("resolved_day"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("nudges_active_fingerprint_idx").on(t.fingerprint).where(sql`status <> 'resolved'`),
    index("nudges_team_status_idx").on(t.teamId, t.status),
  ],
);

/** Where a team's nudges go. The URLs are secrets: stored here, masked in every API answer, never logged. */
export const nudgeDeliverySettings = pgTable("nudge_delivery_settings", {
  teamId: text("team_id").primaryKey(),
  slackWebhookUrl: text("slack_webhook_url"),
  jsonWebhookUrl: text("json_webhook_url"),
  updatedBy: text("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const DELIVERY_CHANNELS = ["slack", "json"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export type DeliveryStatus = "pending" | "sent" | "failed";

/**
 * One message to one channel, keyed by its idempotency key ("nudge:<id>:<opening>:<channel>" or
 * "digest:<team>:<week>:<channel>"). Written before the first send, marked after: a crash in between
 * leaves it pending and the next run re-sends with the same key.
 */
export const nudgeDeliveries = pgTable(
  "nudge_deliveries",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id").notNull(),
    channel: text("channel").$type<DeliveryChannel>().notNull(),
    kind: text("kind").$type<"nudge" | "digest">().notNull(),
    nudgeId: bigint("nudge_id", { mode: "number" }),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    lastStatusCode: integer("last_status_code"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("nudge_deliveries_team_idx").on(t.teamId, t.createdAt), index("nudge_deliveries_status_idx").on(t.status)],
);
