// What a webhook receives. Slack-compatible incoming webhooks take {text, blocks}; the generic JSON
// webhook gets the nudge itself with its delivery id (also sent as the Idempotency-Key header).
import { dollars } from "./dollars";

export interface NudgeMessage {
  id: number;
  rule: string;
  teamId: string;
  teamName: string;
  subject: string;
  title: string;
  action: string;
  monthlyAtStake: string;
  evidence: Record<string, unknown>;
  firstSeenDay: string;
  lastSeenDay: string;
}

export interface DigestMessage {
  teamId: string;
  teamName: string;
  weekStart: string;
  counts: Record<string, number>;
  /** The largest unresolved nudges, most dollars first. */
  top: Array<Pick<NudgeMessage, "id" | "rule" | "title" | "monthlyAtStake"> & { status: string }>;
  resolvedThisWeek: number;
  monthlyAtStake: string;
}

const markdown = (text: string) => text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);

export function slackNudge(nudge: NudgeMessage): Record<string, unknown> {
  const text = `[${nudge.teamName}] ${nudge.title}`;
  return {
    text,
    blocks: [
      { type: "header", text: { type: "plain_text", text: `Cost nudge for ${nudge.teamName}`.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: `*${markdown(nudge.title)}*\n${markdown(nudge.action)}` } },
      { type: "section", fields: [
        { type: "mrkdwn", text: `*At stake*\n${dollars(nudge.monthlyAtStake)}/month` },
        { type: "mrkdwn", text: `*Since*\n${nudge.firstSeenDay}` },
      ] },
      { type: "context", elements: [{ type: "mrkdwn", text: `Tallyboard · ${nudge.rule} · nudge #${nudge.id}` }] },
    ],
  };
}

export function jsonNudge(nudge: NudgeMessage, deliveryId: string): Record<string, unknown> {
  return { deliveryId, kind: "nudge", nudge };
}

export function slackDigest(digest: DigestMessage): Record<string, unknown> {
  const open = (digest.counts.open ?? 0) + (digest.counts.acknowledged ?? 0);
  const text = `[${digest.teamName}] Weekly cost digest: ${open} open nudge${open === 1 ? "" : "s"}, ${dollars(digest.monthlyAtStake)}/month at stake`;
  const lines = digest.top.map((n) => `• ${markdown(n.title)} (${dollars(n.monthlyAtStake)}/month, ${n.status})`);
  return {
    text,
    blocks: [
      { type: "header", text: { type: "plain_text", text: `Weekly cost digest: ${digest.teamName}`.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: lines.length ? lines.join("\n") : "No open nudges. Nice." } },
      { type: "context", elements: [{ type: "mrkdwn", text: `Week of ${digest.weekStart} · ${digest.resolvedThisWeek} resolved this week · snoozed ${digest.counts.snoozed ?? 0}` }] },
    ],
  };
}

export function jsonDigest(digest: DigestMessage, deliveryId: string): Record<string, unknown> {
  return { deliveryId, kind: "digest", digest };
}
