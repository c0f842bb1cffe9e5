import { asc } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { ownerTagKeys } from "../../db/schema";

/** The owner-tag spellings in precedence order; "team" alone until an ownership file says more. */
export async function loadOwnerTagKeys(db: DbOrTx): Promise<string[]> {
  const rows = await db.select().from(ownerTagKeys).orderBy(asc(ownerTagKeys.position));
  return rows.length > 0 ? rows.map((row) => row.tagKey) : ["team"];
}
