// Webhook delivery against a receiver on 127.0.0.1: retries with backoff, the delivery log, the
// idempotency key that makes a crash between send and record harmless, digests, and masked secrets.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startWebhookReceiver, type WebhookReceiver } from "../webhook-receiver/receiver";
import { applyNudgePlan } from "../../jobs/nudges/nudge-store";
import { saveDeliverySettings, listDeliveries } from "../../db/queries/nudge-deliveries";
import { nudgeDeliveries, nudges } from "../../db/schema/nudges";
import { deliverNudges } from "../../jobs/nudges/deliver-nudges";
import type { Finding } from "../../jobs/nudges/finding";
import { createApp } from "../../api/app";

/** The receiver listens on 127.0.0.1, which webhooks may only reach when the configuration allows it. */
const receiverAllowed = { allowedWebhookHosts: ["127.0.0.1"] };
const policy = { attemptsPerRun: 3, baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 9 };
const TODAY = "2026-11-18"; // a Wednesday: the digest week starts Monday 2026-11-16
const finding = (teamId: string, subject = "Amazon Athena"): Finding => ({ rule: "anomaly", teamId, subject, title: `${subject} doubled`, evidence: { day: TODAY }, monthlyAtStake: "1200.00", action: "Look at it." });

let database: TestDatabase;
let receiver: WebhookReceiver | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  await database.db.execute(sql`truncate nudges, nudge_deliveries, nudge_delivery_settings`);
});

async function oneNudge(teamId: string, url: { slack?: string; json?: string }) {
  await applyNudgePlan(database.db, { create: [finding(teamId)], refresh: [], resolve: [] }, TODAY);
  await saveDeliverySettings(database.db, teamId, { slackWebhookUrl: url.slack ?? null, jsonWebhookUrl: url.json ?? null }, "test");
}
const nudgeRequests = (r: WebhookReceiver) => r.requests.filter((q) => q.idempotencyKey?.startsWith("nudge:"));

describe("nudge webhook delivery", () => {
  it("a receiver that fails twice then succeeds gets the nudge exactly once; the log shows 3 attempts", async () => {
    receiver = await startWebhookReceiver({ failFirst: 2 });
    await oneNudge("analytics", { json: receiver.url() });
    const first = await deliverNudges(database.db, { ...receiverAllowed, today: TODAY, policy });
    expect(receiver.requests.slice(0, 3).map((r) => r.answered)).toEqual([500, 500, 200]);
    const [log] = (await listDeliveries(database.db, { teamId: "analytics", limit: 10 })).filter((d) => d.kind === "nudge");
    expect(log).toMatchObject({ status: "sent", attempts: 3, lastStatusCode: 200, channel: "json" });
    const again = await deliverNudges(database.db, { ...receiverAllowed, today: TODAY, policy });
    expect(again).toMatchObject({ queued: 0, attempts: 0 });
    expect(nudgeRequests(receiver).filter((r) => r.answered === 200)).toHaveLength(1);
    expect([...receiver.accepted.keys()].filter((k) => k.startsWith("nudge:"))).toHaveLength(1);
    expect(first.sent).toBe(2); // the nudge and the week's digest
  });

  it("a crash between sending and recording re-sends with the same idempotency key: the receiver processes it once", async () => {
    receiver = await startWebhookReceiver();
    await oneNudge("analytics", { json: receiver.url() });
    let crashed = false;
    const crash = async (id: string) => {
      if (!crashed && id.startsWith("nudge:")) {
        crashed = true;
        throw new Error("process killed after the POST, before the outcome was written");
      }
    };
    await expect(deliverNudges(database.db, { ...receiverAllowed, today: TODAY, policy, afterSend: crash })).rejects.toThrow(/killed/);
    const [pending] = await database.db.select().from(nudgeDeliveries).where(sql`status = 'pending' and attempts = 1`);
    expect(pending).toBeDefined(); // the attempt was recorded before the send
    await deliverNudges(database.db, { ...receiverAllowed, today: TODAY, policy });
    const keys = nudgeRequests(receiver).map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(receiver.duplicates).toBe(1);
    expect([...receiver.accepted.keys()].filter((k) => k.startsWith("nudge:"))).toHaveLength(1);
    expect((await database.db.select().from(nudgeDeliveries)).every((d) => d.status === "sent")).toBe(true);
  });

  it("sends Slack-compatible {text, blocks}; a 4xx is not retried; a reopened nudge is delivered again", async () => {
    receiver = await startWebhookReceiver({ failFirst: 1, failStatus: 404, failWhen: (key) => key?.startsWith("nudge:") ?? false });
    await oneNudge("search", { slack: receiver.url() });
    const result = await deliverNudges(database.db, { ...receiverAllowed, today: TODAY, policy });
    expect(result.failed).toBe(1);
    const sent = receiver.requests.find((r) => r.answered === 200 && r.idempotencyKey?.startsWith("digest:"))!;
    expect(sent.body).toMatchObject({ text: expect.stringContaining("Weekly cost digest"), blocks: expect.any(Array) });
    const [failed] = await database.db.select().from(nudgeDeliveries).where(sql`status = 'failed'`);
    expect(failed).toMatchObject({ attempts: 1, lastStatusCode: 404, kind: "nudge" });
    await database.db.update(nudges).set({ openings: 2 }); // what a snooze running out does
    await deliverNudges(database.db, { ...receiverAllowed, today: TODAY, policy });
    const slack = nudgeRequests(receiver).at(-1)!;
    expect(slack.idempotencyKey).toMatch(/^nudge:\d+:2:slack$/);
    expect(slack.body).toMatchObject({ text: "[search] Amazon Athena doubled" });
  });

  it("sends one digest per team per week", async () => {
    receiver = await startWebhookReceiver();
    await oneNudge("analytics", { json: receiver.url() });
    for (const day of ["2026-11-18", "2026-11-19", "2026-11-22"]) await deliverNudges(database.db, { ...receiverAllowed, today: day, policy });
    await deliverNudges(database.db, { ...receiverAllowed, today: "2026-11-23", policy });
    const digests = receiver.requests.filter((r) => r.idempotencyKey?.startsWith("digest:")).map((r) => r.idempotencyKey);
    expect(digests).toEqual(["digest:analytics:2026-11-16:json", "digest:analytics:2026-11-23:json"]);
  });

  it("keeps webhook URLs secret: masked by the API, absent from the delivery log and its errors", async () => {
    const closed = await startWebhookReceiver();
    const port = new URL(closed.url()).port;
    await closed.close(); // nothing listens there any more
    const secret = `http://127.0.0.1:${port}/services/T0/B0/very-secret-token-wxyz`;
    await oneNudge("fraud", { slack: secret });
    const result = await deliverNudges(database.db, { ...receiverAllowed, today: TODAY, policy: { ...policy, attemptsPerRun: 1 } });
    expect(result.pending).toBe(2);
    const app = createApp(database, "demo");
    const log = await (await app.request("/api/nudges/deliveries?teamId=fraud")).text();
    expect(log).toContain("ECONNREFUSED");
    expect(log).not.toContain("very-secret-token");
    const settings = await (await app.request("/api/nudges/settings/fraud")).json();
    expect(settings.settings.slackWebhook).toBe(`http://127.0.0.1:${port}/…wxyz`);
    const put = await app.request("/api/nudges/settings/fraud", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonWebhookUrl: "ftp://x" }) });
    expect(put.status).toBe(400);
    const stored = await database.db.select().from(nudgeDeliveries);
    expect(JSON.stringify(stored)).not.toContain("very-secret-token");
  });

  it("refuses loopback, link-local and private addresses (literal or after DNS) unless WEBHOOK_ALLOWED_HOSTS allows them", async () => {
    receiver = await startWebhookReceiver();
    const port = new URL(receiver.url()).port;
    await oneNudge("analytics", { json: receiver.url(), slack: `http://localhost:${port}/hook` });
    await oneNudge("fraud", { json: "http://169.254.169.254/latest/meta-data/", slack: "http://10.1.2.3/hook" });
    const result = await deliverNudges(database.db, { today: TODAY, policy });
    expect(receiver.requests).toHaveLength(0);
    expect(result).toMatchObject({ sent: 0, failed: 8, attempts: 8 }); // refused once each: retrying will not help
    const errors = (await listDeliveries(database.db, { limit: 50 })).map((d) => d.lastError);
    expect(errors).toHaveLength(8);
    expect(errors.filter((e) => !/refused: (127\.0\.0\.1|::1|169\.254\.169\.254|10\.1\.2\.3) is not a public address/.test(e ?? ""))).toEqual([]);
  });

  it("never follows a redirect (to the metadata service or anywhere else)", async () => {
    receiver = await startWebhookReceiver();
    const redirect = createServer((_req, res) => res.writeHead(302, { location: receiver!.url("/followed") }).end());
    await new Promise<void>((resolve) => redirect.listen(0, "127.0.0.1", resolve));
    try {
      await oneNudge("analytics", { json: `http://127.0.0.1:${(redirect.address() as AddressInfo).port}/hook` });
      const result = await deliverNudges(database.db, { ...receiverAllowed, today: TODAY, policy });
      expect(result).toMatchObject({ sent: 0, failed: 2 });
      expect(receiver.requests).toHaveLength(0);
      expect((await listDeliveries(database.db, { limit: 5 }))[0]).toMatchObject({ lastStatusCode: 302, lastError: "the webhook answered 302: redirects are not followed" });
    } finally {
      await new Promise((resolve) => redirect.close(resolve));
    }
  });
});
