// Answers of /api/nudges: the inbox, actions, delivery settings (masked) and the delivery log.
import { z } from "zod";
import { DELIVERY_CHANNELS, DISMISS_REASONS, NUDGE_STATUSES } from "../../db/schema/nudges";
import { count, day, decimal, jsonObject, timestamp } from "./common";

const nudge = z.object({
  id: count,
  rule: z.string(),
  teamId: z.string(),
  teamName: z.string().nullable(),
  subject: z.string(),
  title: z.string(),
  /** What the rule saw (amounts, accounts, resources), different per rule. */
  evidence: jsonObject,
  monthlyAtStake: decimal,
  action: z.string(),
  status: z.enum(NUDGE_STATUSES),
  firstSeenDay: day,
  lastSeenDay: day,
  snoozedUntil: day.nullable(),
  dismissReason: z.enum(DISMISS_REASONS).nullable(),
  note: z.string().nullable(),
  actor: z.string().nullable(),
  actedAt: timestamp.nullable(),
  resolvedDay: day.nullable(),
});

export const inboxAnswer = z.object({
  today: day.nullable(),
  nudges: z.array(nudge),
  monthlyAtStake: decimal,
  counts: z.partialRecord(z.enum(NUDGE_STATUSES), count),
});
export const nudgeActionAnswer = z.object({ nudge });

/** Webhook URLs are secrets: only a mask of each goes out. */
export const deliverySettingsAnswer = z.object({
  settings: z.object({ teamId: z.string(), slackWebhook: z.string().nullable(), jsonWebhook: z.string().nullable(), updatedBy: z.string().nullable(), updatedAt: timestamp.nullable() }),
});

export const deliveriesAnswer = z.object({
  deliveries: z.array(
    z.object({
      id: z.string(),
      teamId: z.string(),
      channel: z.enum(DELIVERY_CHANNELS),
      kind: z.enum(["nudge", "digest"]),
      nudgeId: count.nullable(),
      status: z.enum(["pending", "sent", "failed"]),
      attempts: count,
      lastStatusCode: count.nullable(),
      lastError: z.string().nullable(),
      createdAt: timestamp,
      lastAttemptAt: timestamp.nullable(),
      sentAt: timestamp.nullable(),
    }),
  ),
});
