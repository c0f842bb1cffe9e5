// Changes the owner-tag spellings from a date, like a rule change: the list in force before that
// date is closed there (valid_to), a list that would only have started on or after it is dropped,
// and the new list opens on it. Earlier days keep the spellings they were attributed with.
import { and, asc, gt, gte, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { ownerTagKeys } from "../../db/schema";

/** Applies `keys` from `from` unless they are already the list in force; true when it changed. */
export async function changeOwnerTagKeys(tx: DbOrTx, keys: string[], from: string): Promise<boolean> {
  const stored = await tx.select().from(ownerTagKeys).orderBy(asc(ownerTagKeys.validFrom), asc(ownerTagKeys.position));
  const current = stored.filter((row) => row.validTo === null).map((row) => row.tagKey);
  if (JSON.stringify(current) === JSON.stringify(keys)) return false;
  // The first list ever stored covers all history, as the first ownership version does.
  const start = stored.length === 0 ? "1970-01-01" : from;
  await tx.delete(ownerTagKeys).where(gte(ownerTagKeys.validFrom, start));
  await tx.update(ownerTagKeys).set({ validTo: start }).where(or(isNull(ownerTagKeys.validTo), gt(ownerTagKeys.validTo, start)));
  await tx.insert(ownerTagKeys).values(keys.map((tagKey, position) => ({ tagKey, position, validFrom: start })));
  return true;
}
