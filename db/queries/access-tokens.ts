// API tokens for machines: created (the token itself is returned once, never stored), listed,
// revoked, and looked up by digest on every Bearer request (which stamps last_used_at).
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiTokens, type Role } from "../schema";

export interface TokenInput {
  name: string;
  tokenHash: string;
  prefix: string;
  role: Role;
  teamId: string | null;
  createdBy: string;
  expiresAt: Date | null;
}

const listed = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  role: apiTokens.role,
  teamId: apiTokens.teamId,
  createdBy: apiTokens.createdBy,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};
type ListedRow = Omit<typeof apiTokens.$inferSelect, "tokenHash">;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toJson = (r: ListedRow) => ({ ...r, createdAt: r.createdAt.toISOString(), expiresAt: iso(r.expiresAt), lastUsedAt: iso(r.lastUsedAt), revokedAt: iso(r.revokedAt) });
export type ApiTokenView = ReturnType<typeof toJson>;

export async function insertToken(db: DbOrTx, input: TokenInput): Promise<ApiTokenView> {
  const [row] = await db.insert(apiTokens).values(input).returning(listed);
  return toJson(row!);
}

export async function listTokens(db: DbOrTx): Promise<ApiTokenView[]> {
  return (await db.select(listed).from(apiTokens).orderBy(desc(apiTokens.id))).map(toJson);
}

export async function revokeToken(db: DbOrTx, id: number): Promise<{ before: ApiTokenView; after: ApiTokenView } | undefined> {
  const [before] = await db.select(listed).from(apiTokens).where(eq(apiTokens.id, id));
  if (!before) return undefined;
  const [after] = await db.update(apiTokens).set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` }).where(eq(apiTokens.id, id)).returning(listed);
  return { before: toJson(before), after: toJson(after!) };
}

/**
 * The live token with this digest; undefined when unknown, revoked or expired. last_used_at is
 * stamped at most once a minute, so a busy machine client does not turn every read into a write.
 */
export async function useToken(db: DbOrTx, tokenHash: string) {
  const live = and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)));
  const [row] = await db.select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, teamId: apiTokens.teamId, lastUsedAt: apiTokens.lastUsedAt }).from(apiTokens).where(live);
  if (!row) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.id));
  return { id: row.id, name: row.name, role: row.role, teamId: row.teamId };
}
