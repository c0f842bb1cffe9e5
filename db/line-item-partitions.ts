// cost_line_items is range-partitioned by month on a real PostgreSQL and stays a plain table on
// PGlite (one embedded session, small data). Plain SQL migrations cannot branch on the server kind,
// so the drizzle migrations create the plain table everywhere and openDatabase converts it once on
// PostgreSQL (idempotent, one transaction, under an advisory lock). Writers call
// ensureMonthPartitions for the days they are about to write; a DEFAULT partition catches rows
// written without it (tests inserting directly), and those rows move out when their month appears.
// A bulk import may instead fill a table of its own for a month that has no partition yet and
// attach it (createMonthTable, attachMonthTable), so that those rows are written once.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "./client";
import { addDays, firstOfMonth } from "./calendar";

const TABLE = "cost_line_items";
const DEFAULT_PARTITION = `${TABLE}_default`;

async function isPartitioned(db: DbOrTx): Promise<boolean> {
  const [row] = await queryRows<{ kind: string }>(db, sql`select relkind::text as kind from pg_class where oid = to_regclass(${TABLE})`);
  return row?.kind === "p";
}

/** The months [from, to] touches, as first days: 2024-01-15..2024-03-02 -> 2024-01-01, 02-01, 03-01. */
export function monthsOfRange(fromDay: string, toDayExclusive: string): string[] {
  const months: string[] = [];
  const last = firstOfMonth(addDays(toDayExclusive, -1));
  for (let month = firstOfMonth(fromDay); month <= last; month = firstOfMonth(addDays(month, 32))) months.push(month);
  return months;
}

export const partitionName = (month: string) => `${TABLE}_y${month.slice(0, 4)}m${month.slice(5, 7)}`;
export const nextMonth = (month: string) => firstOfMonth(addDays(month, 32));
const inMonth = (month: string) => `day >= '${month}' and day < '${nextMonth(month)}'`;

/** Converts the plain table into a partitioned one with the same columns, indexes and triggers. No-op when done. */
export async function partitionLineItems(db: DbOrTx): Promise<void> {
  if (await isPartitioned(db)) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tallyboard:partition-line-items'))`);
    if (await isPartitioned(tx)) return; // another process converted it while we waited
    const indexes = await queryRows<{ name: string; definition: string }>(tx, sql`select indexname as name, indexdef as definition from pg_indexes where tablename = ${TABLE}`);
    const triggers = await queryRows<{ name: string; definition: string }>(
      tx,
      sql`select tgname as name, pg_get_triggerdef(oid) as definition from pg_trigger where tgrelid = to_regclass(${TABLE}) and not tgisinternal`,
    );
    await tx.execute(sql.raw(`alter table ${TABLE} rename to ${TABLE}_plain`));
    for (const index of indexes) await tx.execute(sql.raw(`drop index ${index.name}`));
    for (const trigger of triggers) await tx.execute(sql.raw(`drop trigger ${trigger.name} on ${TABLE}_plain`));
    await tx.execute(sql.raw(`create table ${TABLE} (like ${TABLE}_plain including defaults) partition by range (day)`));
    // The definitions were read before the rename: they name the new table.
    for (const index of indexes) await tx.execute(sql.raw(index.definition));
    await tx.execute(sql.raw(`create table ${DEFAULT_PARTITION} partition of ${TABLE} default`));
    const [range] = await queryRows<{ first: string | null; last: string | null }>(tx, sql.raw(`select min(day)::text as first, max(day)::text as last from ${TABLE}_plain`));
    if (range?.first && range.last) await createMonths(tx, monthsOfRange(range.first, addDays(range.last, 1)));
    await tx.execute(sql.raw(`insert into ${TABLE} select * from ${TABLE}_plain`)); // before the triggers: the keys are registered already
    for (const trigger of triggers) await tx.execute(sql.raw(trigger.definition));
    await tx.execute(sql.raw(`drop table ${TABLE}_plain`));
  });
}

/** Creates the month partitions [fromDay, toDayExclusive) needs, if the table is partitioned and they are missing. */
export async function ensureMonthPartitions(db: DbOrTx, fromDay: string, toDayExclusive: string): Promise<void> {
  if (fromDay >= toDayExclusive || !(await isPartitioned(db))) return;
  const months = monthsOfRange(fromDay, toDayExclusive);
  const present = await existingPartitions(db);
  const missing = months.filter((month) => !present.has(partitionName(month)));
  if (missing.length === 0) return; // the common case takes no lock at all
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('tallyboard:line-item-partitions'))`);
  await createMonths(db, missing);
}

/** The month partitions holding [fromDay, toDayExclusive], each with its bounds; null when the table is not partitioned. */
export async function monthPartitionsOf(db: DbOrTx, fromDay: string, toDayExclusive: string): Promise<MonthTable[] | null> {
  if (!(await isPartitioned(db))) return null;
  return monthsOfRange(fromDay, toDayExclusive).map((month) => ({ table: partitionName(month), from: month, to: nextMonth(month) }));
}

/** A table holding one month of line items, and the month's bounds. */
export interface MonthTable {
  table: string;
  from: string;
  to: string;
}

/** Whether the month has its partition. */
export async function hasMonthPartition(db: DbOrTx, month: string): Promise<boolean> {
  return (await existingPartitions(db)).has(partitionName(month));
}

async function existingPartitions(db: DbOrTx): Promise<Set<string>> {
  const rows = await queryRows<{ name: string }>(db, sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = to_regclass(${TABLE})`);
  return new Set(rows.map((row) => row.name));
}

/** Attaches a partition per month, moving any rows the default partition holds for it. */
async function createMonths(tx: DbOrTx, months: string[]): Promise<void> {
  const present = await existingPartitions(tx);
  for (const month of months) {
    if (present.has(partitionName(month))) continue;
    await createMonthTable(tx, partitionName(month), month);
    await attachMonth(tx, partitionName(month), month);
  }
}

/** A table shaped as a partition of `month`, not attached: a check constraint refuses other days, and lets ATTACH skip validating its rows. */
export async function createMonthTable(db: DbOrTx, name: string, month: string): Promise<void> {
  await db.execute(sql.raw(`create table ${name} (like ${TABLE} including defaults, constraint ${name}_month check (${inMonth(month)}))`));
}

/**
 * Makes a table createMonthTable made the partition of its month, with any rows the default
 * partition holds for that month; false (nothing done) when the month has a partition already.
 */
export async function attachMonthTable(tx: DbOrTx, name: string, month: string): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tallyboard:line-item-partitions'))`);
  if ((await existingPartitions(tx)).has(partitionName(month))) return false;
  await tx.execute(sql.raw(`alter table ${name} rename to ${partitionName(month)}`));
  await tx.execute(sql.raw(`alter table ${partitionName(month)} rename constraint ${name}_month to ${partitionName(month)}_month`));
  await tx.execute(sql.raw(`alter index if exists ${name}_day_idx rename to ${partitionName(month)}_day_idx`));
  await attachMonth(tx, partitionName(month), month);
  return true;
}

async function attachMonth(tx: DbOrTx, name: string, month: string): Promise<void> {
  await tx.execute(sql.raw(`with moved as (delete from ${DEFAULT_PARTITION} where ${inMonth(month)} returning *) insert into ${name} select * from moved`));
  await tx.execute(sql.raw(`alter table ${TABLE} attach partition ${name} for values from ('${month}') to ('${nextMonth(month)}')`));
  await tx.execute(sql.raw(`alter table ${name} drop constraint ${name}_month`));
}
