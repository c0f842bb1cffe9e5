// Which team a change is about, for the team editor's check (api/auth/policy.ts).
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { nudges } from "../schema";

export async function teamOfNudge(db: DbOrTx, id: number): Promise<string | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const [row] = await db.select({ teamId: nudges.teamId }).from(nudges).where(eq(nudges.id, id));
  return row?.teamId;
}
