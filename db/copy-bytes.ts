// COPY ... FROM STDIN of CSV bytes as they are (header skipped by the server), for imports that let
// PostgreSQL parse the file. On the connection of a drizzle transaction, like copy-rows.ts.
// postgres.js streams the bytes; PGlite reads one Blob per statement, so its input is cut into
// slices at record boundaries (a newline outside quotes) to bound memory.
import type { Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type { DbOrTx } from "./client";
import { copyIn, driverClient, identifier } from "./copy-rows";

/** `header`: the bytes start with a header line for the server to skip (a file's first block does). */
export type CopyBytes = (tx: DbOrTx, table: string, columns: readonly string[], chunks: AsyncIterable<Buffer>, header?: boolean) => Promise<void>;

const PGLITE_SLICE_BYTES = 32 << 20;

function copyStatement(table: string, columns: readonly string[], from: string, header: boolean): string {
  return `copy ${identifier(table)} (${columns.map(identifier).join(", ")}) from ${from} with (format csv, header ${header})`;
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

/** CSV bytes regrouped into slices of about `maxBytes`, each ending at a record boundary (a newline outside quotes). */
export async function* recordSlices(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncIterable<Buffer[]> {
  let parts: Buffer[] = [];
  let size = 0;
  let quotes = 0; // quote characters seen so far: even means outside a quoted field
  for await (const chunk of chunks) {
    let boundary = -1; // the last newline of the chunk outside quotes
    for (let at = 0; at < chunk.length; ) {
      const quote = chunk.indexOf(0x22, at);
      const end = quote === -1 ? chunk.length : quote;
      if (quotes % 2 === 0) {
        const newline = chunk.subarray(at, end).lastIndexOf(0x0a); // a view: the scan stays inside the segment
        if (newline !== -1) boundary = at + newline;
      }
      if (quote === -1) break;
      quotes++;
      at = quote + 1;
    }
    if (size + chunk.length >= maxBytes && boundary >= 0) {
      yield [...parts, chunk.subarray(0, boundary + 1)];
      parts = [chunk.subarray(boundary + 1)];
      size = parts[0]!.length;
    } else {
      parts.push(chunk);
      size += chunk.length;
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
