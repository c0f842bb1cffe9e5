// A table of one statement's rows that later statements of the same transaction join, analyzed so
// that they are planned on its real size. Parallel workers cannot read a temp table, so one they must
// scan is an unlogged table instead, which its caller drops before the transaction commits (a second
// transaction creating the same name waits on the catalog for the first to end).
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "./client";

export async function createScratchTable(tx: DbOrTx, name: string, rows: SQL, forWorkers: boolean): Promise<void> {
  await tx.execute(sql.raw(`drop table if exists ${name}`));
  await tx.execute(sql`create ${sql.raw(forWorkers ? "unlogged table" : "temp table")} ${sql.raw(name)} ${sql.raw(forWorkers ? "" : "on commit drop")} as ${rows}`);
  await tx.execute(sql.raw(`analyze ${name}`));
}
