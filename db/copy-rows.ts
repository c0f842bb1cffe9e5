// COPY ... FROM STDIN in CSV for bulk loads (several times faster than batched INSERTs), run on the
// connection of a drizzle transaction so it commits or rolls back with the rest of the work.
// Drizzle exposes no COPY, so this reaches the driver's transaction client behind the drizzle tx
// (session.client: postgres.js's `sql.begin` client, or PGlite's transaction); only this file knows it.
import type { Writable } from "node:stream";
import type { Sql } from "postgres";
import type { Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type { DbOrTx } from "./client";

/** A CSV value per column; null is SQL NULL (an empty string stays an empty string). */
export type CopyRow = readonly (string | null)[];

export type CopyRows = (tx: DbOrTx, table: string, columns: readonly string[], rows: AsyncIterable<CopyRow> | Iterable<CopyRow>) => Promise<number>;

/** PGlite reads COPY input from one in-memory Blob: load in slices to bound memory. */
const PGLITE_ROWS_PER_COPY = 100_000;

export function driverClient<T>(tx: DbOrTx): T {
  const client = (tx as unknown as { session?: { client?: T } }).session?.client;
  if (!client) throw new Error("copyRows needs a drizzle transaction");
  return client;
}

export function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
}

function copyStatement(table: string, columns: readonly string[], from: string): string {
  return `copy ${identifier(table)} (${columns.map(identifier).join(", ")}) from ${from} with (format csv)`;
}

/** One CSV line: every value quoted (so "" is an empty string), null left bare. */
export function csvLine(row: CopyRow): string {
  return row.map((value) => (value === null ? "" : `"${value.replaceAll('"', '""')}"`)).join(",") + "\n";
}

/** A COPY ... FROM STDIN on postgres.js: write chunks, then end; either rejects on a server error. */
export interface CopyIn {
  write(chunk: string | Buffer): Promise<void>;
  end(): Promise<void>;
  /** Aborts the COPY (the transaction then rolls back). */
  abort(error: Error): Promise<void>;
}

export async function copyIn(tx: DbOrTx, statement: string): Promise<CopyIn> {
  const query = driverClient<Sql>(tx).unsafe(statement);
  const stream: Writable = await query.writable();
  // postgres.js settles the query when COPY starts; a server error after the last write (a bad
  // value in the final chunk) would otherwise reach no one, and end() would wait forever.
  let fail: (error: unknown) => void = () => {};
  const serverError = new Promise<never>((_, reject) => (fail = reject));
  serverError.catch(() => {});
  (query as unknown as { reject: (error: unknown) => void }).reject = (error) => fail(error);
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  done.catch(() => {});
  const settled = Promise.race([done, serverError]);
  return {
    async write(chunk) {
      if (!stream.write(chunk)) await Promise.race([new Promise((resolve) => stream.once("drain", resolve)), settled]);
    },
    async end() {
      stream.end();
      await settled;
    },
    async abort(error) {
      stream.destroy(error);
      await settled.catch(() => {});
    },
  };
}

export const copyWithPostgres: CopyRows = async (tx, table, columns, rows) => {
  const copy = await copyIn(tx, copyStatement(table, columns, "stdin"));
  let count = 0;
  try {
    let buffer = "";
    for await (const row of rows) {
      buffer += csvLine(row);
      count++;
      if (buffer.length >= 1 << 16) {
        const chunk = buffer;
        buffer = "";
        await copy.write(chunk);
      }
    }
    await copy.write(buffer);
  } catch (error) {
    await copy.abort(error as Error);
    throw error;
  }
  await copy.end();
  return count;
};

export const copyWithPglite: CopyRows = async (tx, table, columns, rows) => {
  const client = driverClient<PgliteTransaction>(tx);
  const statement = copyStatement(table, columns, "'/dev/blob'");
  let lines: string[] = [];
  let count = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    const blob = new Blob(lines);
    lines = [];
    await client.query(statement, [], { blob });
  };
  for await (const row of rows) {
    lines.push(csvLine(row));
    count++;
    if (lines.length >= PGLITE_ROWS_PER_COPY) await flush();
  }
  await flush();
  return count;
};
