// Delivery of open nudges and weekly digests to each team's webhooks. Every message is first written
// to the delivery log under its idempotency key (nudge:<id>:<opening>:<channel>, digest:<team>:<week>:<channel>),
// then each attempt is recorded BEFORE the request and its outcome after. A crash after the receiver
// got the message but before "sent" was written leaves the row pending: the next run re-sends it with
// the same Idempotency-Key header (and deliveryId in JSON bodies). Receivers that honour the key see it
// exactly once; others (Slack) may see that one message twice: at-least-once, one duplicate per crash.
import type { DbOrTx } from "../../db/client";
import { addDays } from "../../db/calendar";
import { DELIVERY_CHANNELS, type DeliveryChannel } from "../../db/schema/nudges";
import { dueDeliveries, insertDeliveries, listDeliverySettings, openNudgesOfTeams, recordAttempt, recordOutcome, type NewDelivery } from "../../db/queries/nudge-deliveries";
import { loadDigest } from "./nudge-digest";
import { loadNames } from "../../db/queries/nudge-inputs";
import { jsonDigest, jsonNudge, slackDigest, slackNudge, type NudgeMessage } from "./webhook-payloads";
import { webhookAddressGuard } from "./webhook-address-guard";
import { backoffDelay, DEFAULT_RETRY_POLICY, postWebhook, sleep, type RetryPolicy, type SendResult } from "./send-webhook";

export interface DeliveryOptions {
  /** The last complete billing day; the digest week is the Monday-to-Sunday week holding it. */
  today: string;
  policy?: RetryPolicy;
  /** WEBHOOK_ALLOWED_HOSTS: non-public hosts, addresses or ranges webhooks may still go to. */
  allowedWebhookHosts?: readonly string[];
  send?: (url: string, body: unknown, idempotencyKey: string) => Promise<SendResult>;
  /** Runs between the send and recording its outcome; tests throw here to simulate a crash. */
  afterSend?: (deliveryId: string, result: SendResult) => Promise<void>;
}

export interface DeliveryResult {
  queued: number;
  sent: number;
  failed: number;
  pending: number;
  attempts: number;
}

export function weekStartOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

type Urls = Map<string, Partial<Record<DeliveryChannel, string>>>;

async function queueDeliveries(db: DbOrTx, urls: Urls, today: string): Promise<number> {
  const rows: NewDelivery[] = [];
  const channelsOf = (teamId: string) => DELIVERY_CHANNELS.filter((channel) => urls.get(teamId)?.[channel]);
  for (const { nudge, teamName } of await openNudgesOfTeams(db, [...urls.keys()])) {
    const message: NudgeMessage = { ...nudge, teamName: teamName ?? nudge.teamId, monthlyAtStake: nudge.monthlyAtStake };
    for (const channel of channelsOf(nudge.teamId)) {
      const id = `nudge:${nudge.id}:${nudge.openings}:${channel}`;
      rows.push({ id, teamId: nudge.teamId, channel, kind: "nudge", nudgeId: nudge.id, payload: channel === "slack" ? slackNudge(message) : jsonNudge(message, id) });
    }
  }
  const weekStart = weekStartOf(today);
  const { teams } = await loadNames(db);
  for (const teamId of urls.keys()) {
    const digest = await loadDigest(db, teamId, teams.get(teamId) ?? teamId, weekStart);
    for (const channel of channelsOf(teamId)) {
      const id = `digest:${teamId}:${weekStart}:${channel}`;
      rows.push({ id, teamId, channel, kind: "digest", nudgeId: null, payload: channel === "slack" ? slackDigest(digest) : jsonDigest(digest, id) });
    }
  }
  return insertDeliveries(db, rows);
}

export async function deliverNudges(db: DbOrTx, options: DeliveryOptions): Promise<DeliveryResult> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const guard = webhookAddressGuard(options.allowedWebhookHosts ?? []);
  const send = options.send ?? ((url: string, body: unknown, key: string) => postWebhook(url, body, key, guard));
  const urls: Urls = new Map();
  for (const row of await listDeliverySettings(db)) {
    const entry = { ...(row.slackWebhookUrl ? { slack: row.slackWebhookUrl } : {}), ...(row.jsonWebhookUrl ? { json: row.jsonWebhookUrl } : {}) };
    if (Object.keys(entry).length > 0) urls.set(row.teamId, entry);
  }
  const result: DeliveryResult = { queued: await queueDeliveries(db, urls, options.today), sent: 0, failed: 0, pending: 0, attempts: 0 };
  for (const delivery of await dueDeliveries(db, policy.maxAttempts)) {
    const url = urls.get(delivery.teamId)?.[delivery.channel];
    if (!url) {
      await recordOutcome(db, delivery.id, { status: "failed", statusCode: null, error: "no webhook configured for this channel any more" });
      result.failed++;
      continue;
    }
    let attempts = delivery.attempts;
    for (let attempt = 1; ; attempt++) {
      await recordAttempt(db, delivery.id);
      attempts++;
      result.attempts++;
      const outcome = await send(url, delivery.payload, delivery.id);
      await options.afterSend?.(delivery.id, outcome);
      if (outcome.ok) {
        await recordOutcome(db, delivery.id, { status: "sent", statusCode: outcome.status, error: null });
        result.sent++;
        break;
      }
      const giveUp = !outcome.retryable || attempts >= policy.maxAttempts;
      const lastThisRun = attempt >= policy.attemptsPerRun;
      await recordOutcome(db, delivery.id, { status: giveUp ? "failed" : "pending", statusCode: outcome.status, error: outcome.error });
      if (giveUp) result.failed++;
      else if (lastThisRun) result.pending++;
      if (giveUp || lastThisRun) break;
      await sleep(backoffDelay(policy, attempt));
    }
  }
  return result;
}
