// Sign-in sessions, stored by the digest of their token; expired ones are refused and swept.
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { sessions, users } from "../schema";

export async function createSession(db: DbOrTx, tokenHash: string, userId: number, ttlMs: number) {
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
  await db.insert(sessions).values({ tokenHash, userId, expiresAt });
  return expiresAt;
}

/** The signed-in user of a live session; undefined when unknown, expired or the user is disabled. */
export async function findSessionUser(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, role: users.role, teamId: users.teamId, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`), sql`${users.disabledAt} is null`));
  return row;
}

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteUserSessions(db: DbOrTx, userId: number) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
