// One way to open the database: embedded PGlite by default, a real PostgreSQL when a URL is given.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import * as schema from "./schema";
import { copyWithPglite, copyWithPostgres, type CopyRows } from "./copy-rows";
import { copyBytesWithPglite, copyBytesWithPostgres, type CopyBytes } from "./copy-bytes";
import { partitionLineItems } from "./line-item-partitions";
import { ensureReadModelVersion } from "./read-model-version";
import { lockDataDir } from "./data-dir-lock";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction or the database itself: query functions accept either. */
export type DbOrTx = Pick<Db, "select" | "insert" | "update" | "delete" | "execute" | "transaction">;

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string | null };

export interface Database {
  db: Db;
  kind: DatabaseTarget["kind"];
  /** Where the data lives, without credentials: fit for logs. */
  description: string;
  /** Runs fn only if no other holder (in this process or another) has the named lock; else returns undefined. */
  withAdvisoryLock<T>(name: string, fn: () => Promise<T>): Promise<T | undefined>;
  /** Bulk load with COPY ... FROM STDIN (CSV) inside `tx`, a transaction opened by db.transaction. */
  copyRows: CopyRows;
  /** COPY of CSV bytes as they are (the first line a header) inside `tx`: PostgreSQL parses. */
  copyBytes: CopyBytes;
  /** LISTEN on `channel` (a dedicated connection on PostgreSQL); resolves to the unlisten. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const database = target.kind === "postgres" ? openPostgres(target.url) : await openPglite(target.dataDir);
  if (database.kind === "postgres") {
    await migratePostgres(database.db as never, { migrationsFolder });
    await partitionLineItems(database.db); // see line-item-partitions.ts: only a real server partitions
  } else {
    const { migrate: migratePglite } = await import("drizzle-orm/pglite/migrator");
    await migratePglite(database.db as never, { migrationsFolder });
  }
  await ensureReadModelVersion(database.db);
  return database;
}

function openPostgres(url: string): Database {
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    description: describePostgresUrl(url),
    withAdvisoryLock: inProcessGuard(async (name, fn) => {
      // Session-level locks belong to a connection, so hold one connection for the whole job.
      const connection = await client.reserve();
      try {
        const [row] = await connection`select pg_try_advisory_lock(hashtext(${name})) as locked`;
        if (!row?.locked) return undefined;
        try {
          return await fn();
        } finally {
          await connection`select pg_advisory_unlock(hashtext(${name}))`;
        }
      } finally {
        connection.release();
      }
    }),
    copyRows: copyWithPostgres,
    copyBytes: copyBytesWithPostgres,
    listen: async (channel, onNotify) => {
      const { unlisten } = await client.listen(channel, () => onNotify());
      return unlisten;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

// PGlite and its driver are loaded only when opened: a server on PostgreSQL never holds them (about 30 MB).
async function openPglite(dataDir: string | null): Promise<Database> {
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite")]);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let client: PGlite;
  try {
    client = dataDir ? new PGlite(dataDir) : new PGlite();
    await client.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    description: dataDir ? `PGlite (embedded) at ${dataDir}` : "PGlite (embedded, in memory)",
    // PGlite is one session in this process, so the in-process guard is the whole lock.
    withAdvisoryLock: inProcessGuard((_name, fn) => fn()),
    copyRows: copyWithPglite,
    copyBytes: copyBytesWithPglite,
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, () => onNotify());
      return () => unlisten();
    },
    close: () => client.close().finally(unlock),
  };
}

/** Two jobs of one name in one process would share a Postgres session lock; refuse the second here. */
function inProcessGuard(
  lock: <T>(name: string, fn: () => Promise<T>) => Promise<T | undefined>,
): Database["withAdvisoryLock"] {
  const held = new Set<string>();
  return async (name, fn) => {
    if (held.has(name)) return undefined;
    held.add(name);
    try {
      return await lock(name, fn);
    } finally {
      held.delete(name);
    }
  };
}

export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

/** Rows a statement changed, from either driver (PGlite answers {affectedRows}, postgres.js {count}). */
export function affectedRows(result: unknown): number {
  const changed = result as { affectedRows?: number; count?: number };
  return changed.affectedRows ?? changed.count ?? 0;
}

/** Raw SQL rows from either driver (PGlite answers {rows}, postgres.js an array). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
