// One number that changes whenever a read model may have changed: the API's response cache
// (api/read-cache.ts) keys on it. Every transaction that writes what a dashboard read shows
// (attribution and rollups, ownership rules, budgets, business inputs, nudges, resources) bumps it
// as its last statement, so the new number becomes visible exactly when the new data does.
// A single row rather than a sequence: nextval is not transactional, and a reader that saw the new
// number before the commit would cache the old data under it.
// Kept out of the drizzle migrations on purpose (like the line-item partitions): created here,
// idempotently, when the database is opened.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "./client";

const TABLE = "read_model_version";
/** NOTIFY channel: each bump also tells listeners (api/cache-warmer.ts), delivered at the commit, not before. */
export const READ_MODEL_CHANNEL = "tallyboard_read_model";

export async function ensureReadModelVersion(db: DbOrTx): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tallyboard:read-model-version'))`);
    await tx.execute(sql.raw(`create table if not exists ${TABLE} (id smallint primary key check (id = 1), version bigint not null)`));
    await tx.execute(sql.raw(`insert into ${TABLE} (id, version) values (1, 0) on conflict (id) do nothing`));
  });
}

/** Call inside the transaction that changed a read model, as late as possible (it takes the row's lock until commit). */
export async function bumpReadModelVersion(tx: DbOrTx): Promise<void> {
  await tx.execute(sql.raw(`update ${TABLE} set version = version + 1 where id = 1`));
  // Transactional: PostgreSQL delivers it at commit (never for a rollback), so no listener races the data.
  await tx.execute(sql.raw(`notify ${READ_MODEL_CHANNEL}`));
}

export async function getReadModelVersion(db: DbOrTx): Promise<string> {
  const [row] = await queryRows<{ version: string | number }>(db, sql.raw(`select version from ${TABLE} where id = 1`));
  return String(row?.version ?? 0);
}
