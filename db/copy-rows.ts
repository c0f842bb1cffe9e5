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

function driverClient<T>(tx: DbOrTx): T {
  const client = (tx as unknown as { session?: { client?: T } }).session?.client;
  if (!client) throw new Error("copyRows needs a drizzle transaction");
  return client;
}

function identifier(name: string): string {
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

export const copyWithPostgres: CopyRows = async (tx, table, columns, rows) => {
  const sql = driverClient<Sql>(tx);
  const stream: Writable = await sql.unsafe(copyStatement(table, columns, "stdin")).writable();
  let count = 0;
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  try {
    let buffer = "";
    for await (const row of rows) {
      buffer += csvLine(row);
      count++;
      if (buffer.length >= 1 << 16) {
        const chunk = buffer;
        buffer = "";
        if (!stream.write(chunk)) await new Promise((resolve) => stream.once("drain", resolve));
      }
    }
    stream.end(buffer);
  } catch (error) {
    stream.destroy(error as Error); // aborts the COPY; the transaction then rolls back
    await done.catch(() => {});
    throw error;
  }
  await done;
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
