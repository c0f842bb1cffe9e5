// Who may see and change what: people (local passwords or single sign-on), their sessions, API
// tokens for machines, and the audit log of changes to settings, tokens and users. Secrets are
// never stored: passwords as argon2id hashes, session and API tokens as sha-256 of the token.
import { pgTable, text, serial, integer, timestamp, jsonb, index, pgEnum } from "drizzle-orm/pg-core";

export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const roleEnum = pgEnum("access_role", ROLES);

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  /** Lower-cased; the sign-in name and the actor recorded in audits. */
  email: text("email").notNull().unique(),
  role: roleEnum("role").notNull(),
  /** The team an editor may change (its budgets, wins, nudge actions); null for viewers and admins. */
  teamId: text("team_id"),
  /** argon2id PHC string; null for users who only come through the single sign-on proxy. */
  passwordHash: text("password_hash"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
});

export const sessions = pgTable(
  "sessions",
  {
    /** sha-256 (hex) of the cookie's token: a leaked table cannot be replayed. */
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = pgTable("api_tokens", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  /** sha-256 (hex) of the token, which is shown once at creation. */
  tokenHash: text("token_hash").notNull().unique(),
  /** The first characters of the token, so people can tell their tokens apart. */
  prefix: text("prefix").notNull(),
  role: roleEnum("role").notNull(),
  teamId: text("team_id"),
  createdBy: text("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/** Changes outside the ownership and budget audits (which keep their own tables): tokens, users, settings. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    action: text("action").notNull(), // "token.create", "token.revoke", "user.create", "nudge-settings.update", ...
    subject: text("subject").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);
