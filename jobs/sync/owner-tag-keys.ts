// The owner-tag spellings, effective-dated: which keys are in force now (what a sync asks Cost
// Explorer for) and which were in force on each day of a window (what attribution reads).
import { and, asc, gt, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { ownerTagKeys } from "../../db/schema";
import { addDays } from "../../db/calendar";
import type { DayWindow } from "./billing-window";

/** "team" alone until an ownership file says more (and on a day before any list took effect). */
const DEFAULT_KEYS = ["team"];

/** One list of spellings in precedence order and the days it is in force ([from, to), to null = open). */
export interface OwnerTagKeyPeriod {
  from: string;
  to: string | null;
  keys: string[];
}

/** The owner-tag spellings in force now, in precedence order. */
export async function loadOwnerTagKeys(db: DbOrTx): Promise<string[]> {
  const rows = await db.select().from(ownerTagKeys).where(isNull(ownerTagKeys.validTo)).orderBy(asc(ownerTagKeys.position));
  return rows.length > 0 ? rows.map((row) => row.tagKey) : DEFAULT_KEYS;
}

/** The lists in force over a window, in date order, covering every day of it (gaps get the default). */
export async function ownerTagKeyPeriods(db: DbOrTx, window: DayWindow): Promise<OwnerTagKeyPeriod[]> {
  const rows = await db
    .select()
    .from(ownerTagKeys)
    .where(and(lt(ownerTagKeys.validFrom, window.end), or(isNull(ownerTagKeys.validTo), gt(ownerTagKeys.validTo, window.start))))
    .orderBy(asc(ownerTagKeys.validFrom), asc(ownerTagKeys.position));
  const periods: OwnerTagKeyPeriod[] = [];
  for (const row of rows) {
    const last = periods.at(-1);
    if (last && last.from === row.validFrom) last.keys.push(row.tagKey);
    else periods.push({ from: row.validFrom, to: row.validTo, keys: [row.tagKey] });
  }
  const covered: OwnerTagKeyPeriod[] = [];
  let day = window.start;
  for (const period of periods) {
    if (period.from > day) covered.push({ from: day, to: period.from, keys: DEFAULT_KEYS });
    covered.push(period);
    day = period.to ?? window.end;
  }
  if (day < window.end) covered.push({ from: day, to: null, keys: DEFAULT_KEYS });
  return covered;
}

/** The owner-tag spellings in force on one day. */
export async function ownerTagKeysOn(db: DbOrTx, day: string): Promise<string[]> {
  const [period] = await ownerTagKeyPeriods(db, { start: day, end: addDays(day, 1) });
  return period!.keys;
}
