// People who may sign in: create, change role, list, look up for sign-in.
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { users, type Role } from "../schema";

export interface UserInput {
  email: string;
  role: Role;
  teamId: string | null;
  passwordHash: string | null;
}

export const normalEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, normalEmail(email)));
  return row;
}

/** Adds the user, or updates role, team and (when given) password of an existing one. */
export async function upsertUser(db: DbOrTx, input: UserInput) {
  const values = { ...input, email: normalEmail(input.email) };
  const set = { role: values.role, teamId: values.teamId, disabledAt: null, ...(values.passwordHash ? { passwordHash: values.passwordHash } : {}) };
  const [row] = await db.insert(users).values(values).onConflictDoUpdate({ target: users.email, set }).returning();
  return row!;
}

export async function disableUser(db: DbOrTx, email: string) {
  const [row] = await db.update(users).set({ disabledAt: sql`now()` }).where(eq(users.email, normalEmail(email))).returning();
  return row;
}

export async function listUsers(db: DbOrTx) {
  const rows = await db.select({ id: users.id, email: users.email, role: users.role, teamId: users.teamId, hasPassword: sql<boolean>`${users.passwordHash} is not null`, createdAt: users.createdAt, disabledAt: users.disabledAt }).from(users).orderBy(asc(users.email));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), disabledAt: r.disabledAt?.toISOString() ?? null }));
}

export async function countActiveUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(sql`${users.disabledAt} is null`);
  return row?.n ?? 0;
}
