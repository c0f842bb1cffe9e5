// Business inputs from a CSV file (CLI, upload, the demo) or pushed rows: validate all, then upsert.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { DbOrTx } from "../../db/client";
import { BUSINESS_KINDS, type BusinessKind } from "./business-kinds";
import { parseBusinessCsv, validateBusinessRows } from "./validate-business-rows";
import { upsertBusinessRows } from "./write-business-rows";

export interface BusinessImportResult {
  kind: BusinessKind;
  file: string;
  rows: number;
}

export function isBusinessKind(kind: string | undefined): kind is BusinessKind {
  return (BUSINESS_KINDS as readonly string[]).includes(kind ?? "");
}

/** Throws ImportError (file, line, column) on the first bad row, having written nothing. */
export async function importBusinessCsv(db: DbOrTx, kind: BusinessKind, fileName: string, content: string | Buffer): Promise<BusinessImportResult> {
  const rows = parseBusinessCsv(kind, fileName, content);
  return { kind, file: fileName, rows: await upsertBusinessRows(db, kind, rows) };
}

/** Rows pushed as JSON objects with the CSV's column names; errors name "rows[index]". */
export async function pushBusinessRows(db: DbOrTx, kind: BusinessKind, records: readonly Record<string, unknown>[]): Promise<BusinessImportResult> {
  const rows = validateBusinessRows(kind, "rows", records.map((record, index) => ({ line: index, record })));
  return { kind, file: "rows", rows: await upsertBusinessRows(db, kind, rows) };
}

export async function importBusinessFile(db: DbOrTx, kind: BusinessKind, path: string): Promise<BusinessImportResult> {
  return importBusinessCsv(db, kind, basename(path), readFileSync(path));
}

/** npm run cli -- business-import <kind> <file> */
export async function businessImportCommand(db: DbOrTx, kind: string | undefined, path: string | undefined): Promise<void> {
  if (!isBusinessKind(kind)) throw new Error(`business-import needs a kind: one of ${BUSINESS_KINDS.join(", ")}`);
  if (!path) throw new Error("business-import needs a CSV file: business-import <kind> <file>");
  const result = await importBusinessFile(db, kind, path);
  console.log(`${result.kind}: ${result.rows} rows from ${result.file} (upserted by natural key)`);
}
