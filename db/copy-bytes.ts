// COPY ... FROM STDIN of CSV bytes as they are (header skipped by the server, empty fields null), for
// imports that let PostgreSQL parse the file. On the connection of a drizzle transaction, like copy-rows.ts.
// postgres.js streams the bytes; PGlite reads one Blob per statement, so its input is cut into
// slices at record boundaries (a newline outside quotes) to bound memory.
import type { Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type { DbOrTx } from "./client";
import { copyIn, driverClient, identifier } from "./copy-rows";

/** `header`: the bytes start with a header line for the server to skip (a file's first block does). */
export type CopyBytes = (tx: DbOrTx, table: string, columns: readonly string[], chunks: AsyncIterable<Buffer>, header?: boolean) => Promise<void>;

const PGLITE_SLICE_BYTES = 32 << 20;

/** An empty field, quoted or not, is loaded as null (force_null): the reader then needs no empty-string test per field. */
function copyStatement(table: string, columns: readonly string[], from: string, header: boolean): string {
  const list = columns.map(identifier).join(", ");
  return `copy ${identifier(table)} (${list}) from ${from} with (format csv, header ${header}, force_null (${list}))`;
}

export const copyBytesWithPostgres: CopyBytes = async (tx, table, columns, chunks, header = true) => {
  const copy = await copyIn(tx, copyStatement(table, columns, "stdin", header));
  try {
    for await (const chunk of chunks) await copy.write(chunk);
  } catch (error) {
    await copy.abort(error as Error);
    throw error;
  }
  await copy.end();
};

/** CSV bytes regrouped into slices of about `maxBytes`, each ending at a record boundary (a newline
 *  outside quotes). Walks quote to quote and record to record with indexOf, allocating nothing per field. */
export async function* recordSlices(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncIterable<Buffer[]> {
  let parts: Buffer[] = [];
  let size = 0; // bytes in parts
  let inQuote = false;
  for await (const chunk of chunks) {
    let start = 0; // where this chunk's bytes of the current slice begin
    let newline = chunk.indexOf(0x0a);
    for (let at = 0; at < chunk.length; ) {
      const quote = chunk.indexOf(0x22, at);
      const end = quote === -1 ? chunk.length : quote;
      if (!inQuote) {
        for (; newline !== -1 && newline < end; newline = chunk.indexOf(0x0a, newline + 1)) {
          if (size + newline + 1 - start < maxBytes) continue;
          yield [...parts, chunk.subarray(start, newline + 1)];
          [parts, size, start] = [[], 0, newline + 1];
        }
      } else if (newline !== -1 && newline < end) newline = chunk.indexOf(0x0a, end); // inside quotes: no boundary
      if (quote === -1) break;
      inQuote = !inQuote;
      at = quote + 1;
    }
    if (start < chunk.length) {
      parts.push(chunk.subarray(start));
      size += chunk.length - start;
    }
  }
  if (size > 0) yield parts;
}

export const copyBytesWithPglite: CopyBytes = async (tx, table, columns, chunks, header = true) => {
  const client = driverClient<PgliteTransaction>(tx);
  let first = header;
  for await (const slice of recordSlices(chunks, PGLITE_SLICE_BYTES)) {
    await client.query(copyStatement(table, columns, "'/dev/blob'", first), [], { blob: new Blob(slice as Uint8Array<ArrayBuffer>[]) });
    first = false;
  }
};
