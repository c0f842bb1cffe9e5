// /api/tokens: API tokens for machines (admin only, see auth/policy.ts). The token is in the answer
// to POST once and never again; the database keeps its sha-256. Every change is audited.
import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../../db/client";
import { insertToken, listTokens, revokeToken } from "../../db/queries/access-tokens";
import { recordAudit } from "../../db/queries/audit-trail";
import { digestToken, newToken } from "../../jobs/access/secrets";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers } from "../answers";
import { tokenCreatedAnswer, tokenListAnswer, tokenRevokedAnswer } from "../responses/access";
import { actorOf } from "../auth/identity";

/** Scopes as machines ask for them, and the role each acts with. */
const SCOPE_ROLE = { read: "viewer", write: "editor", admin: "admin" } as const;

const tokenInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    scope: z.enum(["read", "write", "admin"]),
    teamId: z.string().min(1).max(100).optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .refine((t) => t.scope !== "write" || t.teamId, { path: ["teamId"], message: "a write token changes one team: name it" });

export const tokenRoutes = (db: Db) =>
  new Hono()
    .get("/", answers(tokenListAnswer, { summary: "API tokens (never the secrets)" }), async (c) => c.var.answer({ tokens: await listTokens(db) }))
    .post("/", validate("json", tokenInput), answers(tokenCreatedAnswer, { status: 201, summary: "Create an API token: the secret is in this answer only" }), async (c) => {
      const input = c.req.valid("json");
      const token = newToken("tbt_");
      const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
      const view = await db.transaction(async (tx) => {
        const row = await insertToken(tx, { name: input.name, tokenHash: digestToken(token), prefix: token.slice(0, 10), role: SCOPE_ROLE[input.scope], teamId: input.scope === "write" ? input.teamId! : null, createdBy: actorOf(c), expiresAt });
        await recordAudit(tx, { actor: actorOf(c), action: "token.create", subject: `token ${row.id} ${row.name}`, after: row });
        return row;
      });
      return c.var.answer({ token, apiToken: view, note: "the token is shown only now: store it in your secret manager" });
    })
    .delete("/:id", validate("param", z.object({ id: z.coerce.number().int().positive() })), answers(tokenRevokedAnswer, { summary: "Revoke an API token" }), async (c) => {
      const { id } = c.req.valid("param");
      const result = await db.transaction(async (tx) => {
        const change = await revokeToken(tx, id);
        if (change) await recordAudit(tx, { actor: actorOf(c), action: "token.revoke", subject: `token ${id} ${change.after.name}`, before: change.before, after: change.after });
        return change;
      });
      if (!result) throw new ApiError("NOT_FOUND", `No API token ${id}`);
      return c.var.answer({ apiToken: result.after });
    });
