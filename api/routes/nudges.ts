// Nudges over HTTP: a team's inbox, acknowledge / snooze / dismiss, delivery settings (webhook URLs
// are write-only secrets: answers carry only a mask) and the delivery log.
import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../../db/client";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { getNudgeStatus, INBOX_VIEWS, listNudges, saveNudgeChange, type InboxView } from "../../db/queries/nudge-inbox";
import { listDeliveries, listDeliverySettings, saveDeliverySettings, type DeliverySettingsRow } from "../../db/queries/nudge-deliveries";
import { nudgeActionSchema, NudgeActionError, transition } from "../../jobs/nudges/nudge-actions";
import { maskWebhookUrl } from "../../jobs/nudges/mask-url";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers } from "../answers";
import { deliveriesAnswer, deliverySettingsAnswer, inboxAnswer, nudgeActionAnswer } from "../responses/nudges";
import { actorOf } from "../auth/identity";
import { recordAudit } from "../../db/queries/audit-trail";

const teamId = z.string().min(1).max(100);
const views = Object.keys(INBOX_VIEWS) as [InboxView, ...InboxView[]];
const webhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .nullable()
  .optional();
const settingsInput = z.object({ slackWebhookUrl: webhookUrl, jsonWebhookUrl: webhookUrl });


const masked = (row: DeliverySettingsRow | undefined, team: string) => ({
  teamId: team,
  slackWebhook: maskWebhookUrl(row?.slackWebhookUrl ?? null),
  jsonWebhook: maskWebhookUrl(row?.jsonWebhookUrl ?? null),
  updatedBy: row?.updatedBy ?? null,
  updatedAt: row?.updatedAt ?? null,
});

export const nudgeRoutes = (db: Db) =>
  new Hono()
    .get("/", validate("query", z.object({ teamId: teamId.optional(), view: z.enum(views).default("active"), limit: z.coerce.number().int().min(1).max(500).default(200) })), answers(inboxAnswer, { summary: "A team's (or everyone's) nudges, with the money at stake" }), async (c) => {
      const query = c.req.valid("query");
      const today = await getLastCompleteBillingDay(db);
      return c.var.answer({ today, ...(await listNudges(db, query)) });
    })
    .post("/:id/actions", validate("param", z.object({ id: z.coerce.number().int().positive() })), validate("json", nudgeActionSchema), answers(nudgeActionAnswer, { summary: "Acknowledge, snooze or dismiss a nudge" }), async (c) => {
      const { id } = c.req.valid("param");
      const current = await getNudgeStatus(db, id);
      if (!current) throw new ApiError("NOT_FOUND", `No nudge ${id}`);
      const today = (await getLastCompleteBillingDay(db)) ?? new Date().toISOString().slice(0, 10);
      try {
        const change = transition(current, c.req.valid("json"), today);
        return c.var.answer({ nudge: await saveNudgeChange(db, id, change, actorOf(c)) });
      } catch (error) {
        if (error instanceof NudgeActionError) throw new ApiError(error.code, error.message);
        throw error;
      }
    })
    .get("/settings/:teamId", validate("param", z.object({ teamId })), answers(deliverySettingsAnswer, { summary: "A team's nudge delivery settings (webhook URLs masked)" }), async (c) => {
      const team = c.req.valid("param").teamId;
      const [row] = await listDeliverySettings(db, team);
      return c.var.answer({ settings: masked(row, team) });
    })
    .put("/settings/:teamId", validate("param", z.object({ teamId })), validate("json", settingsInput), answers(deliverySettingsAnswer, { summary: "Set a team's Slack and JSON webhook URLs" }), async (c) => {
      const team = c.req.valid("param").teamId;
      // Audited with masks only: a webhook URL is a secret.
      const row = await db.transaction(async (tx) => {
        const [before] = await listDeliverySettings(tx, team);
        const saved = await saveDeliverySettings(tx, team, c.req.valid("json"), actorOf(c));
        await recordAudit(tx, { actor: actorOf(c), action: "nudge-settings.update", subject: `team ${team}`, before: before ? masked(before, team) : null, after: masked(saved, team) });
        return saved;
      });
      return c.var.answer({ settings: masked(row, team) });
    })
    .get("/deliveries", validate("query", z.object({ teamId: teamId.optional(), limit: z.coerce.number().int().min(1).max(500).default(50) })), answers(deliveriesAnswer, { summary: "The nudge delivery log" }), async (c) =>
      c.var.answer({ deliveries: await listDeliveries(db, c.req.valid("query")) }),
    );
