// Tables as CSV downloads: a header row, RFC 4180 quoting, and cells that a spreadsheet would run
// as a formula (starting with = + - @, tab or carriage return) prefixed with a quote.
import type { Context } from "hono";
import { stringify } from "csv-stringify/sync";

export interface CsvTable {
  columns: string[];
  rows: Record<string, unknown>[];
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number ("-2500.00") cannot run as a formula, so it stays a number for the spreadsheet. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function guardCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function toCsv(table: CsvTable): string {
  return stringify([table.columns, ...table.rows.map((row) => table.columns.map((column) => guardCell(row[column])))], { eof: true });
}

export function csvResponse(c: Context, fileName: string, table: CsvTable) {
  return c.body(toCsv(table), 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${fileName.replace(/[^a-z0-9._-]/gi, "_")}"`,
  });
}
