// Answers of the access routes: /me, /auth, /tokens, /users, /audit.
import { z } from "zod";
import { ROLES } from "../../db/schema/access";
import { AUDIT_AREAS } from "../../db/queries/audit-trail";
import { snapshot, timestamp } from "./common";

const role = z.enum(ROLES);
const identity = z.object({ actor: z.string(), role, teamId: z.string().nullable(), via: z.enum(["open", "session", "token", "proxy"]) });

export const meAnswer = z.object({ mode: z.enum(["open", "local", "proxy"]), identity: identity.nullable(), csrfToken: z.string().nullable() });
export const signedInAnswer = z.object({ identity, csrfToken: z.string(), expiresAt: timestamp });
export const signedOutAnswer = z.object({ signedOut: z.literal(true) });

const apiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  role,
  teamId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: timestamp,
  expiresAt: timestamp.nullable(),
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});
export const tokenListAnswer = z.object({ tokens: z.array(apiToken) });
export const tokenCreatedAnswer = z.object({ token: z.string().meta({ description: "the secret, shown only in this answer" }), apiToken, note: z.string() });
export const tokenRevokedAnswer = z.object({ apiToken });

export const userListAnswer = z.object({
  users: z.array(z.object({ id: z.number().int(), email: z.string(), role, teamId: z.string().nullable(), hasPassword: z.boolean(), createdAt: timestamp, disabledAt: timestamp.nullable() })),
});

export const auditTrailAnswer = z.object({
  entries: z.array(z.object({ area: z.enum(AUDIT_AREAS), id: z.number().int(), at: timestamp, actor: z.string(), action: z.string(), subject: z.string(), before: snapshot, after: snapshot })),
});
