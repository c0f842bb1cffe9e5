// Totals of an export computed in the test, straight from the raw file with csv-parse and decimal.js,
// independently of the importers, and the same totals read back from the database.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";

export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[];
}

/** The total of a cost column as stored: each value kept to 10 decimals, half to even (real FOCUS
 *  files carry up to 13; the total then moves by at most 0.5e-10 a row). */
export function sum(rows: Record<string, string>[], column: string): string {
  const stored = (value: string) => new Decimal(value).toDecimalPlaces(10, Decimal.ROUND_HALF_EVEN);
  return rows.reduce((total, row) => total.plus(row[column] === "NULL" ? 0 : stored(row[column]!)), new Decimal(0)).toFixed();
}

export interface StoredTotals {
  rows: number;
  unblended: string;
  amortized: string;
  netAmortized: string;
}

export async function storedTotals(db: DbOrTx, source: string): Promise<StoredTotals> {
  const [row] = await queryRows<{ rows: string; unblended: string | null; amortized: string | null; net: string | null }>(
    db,
    sql`select count(*)::text as rows, sum(unblended_cost)::text as unblended, sum(amortized_cost)::text as amortized, sum(net_amortized_cost)::text as net
        from cost_line_items where source = ${source}`,
  );
  const canonical = (value: string | null | undefined) => new Decimal(value ?? 0).toFixed();
  return { rows: Number(row!.rows), unblended: canonical(row!.unblended), amortized: canonical(row!.amortized), netAmortized: canonical(row!.net) };
}

export async function attributedTotal(db: DbOrTx): Promise<string> {
  const [row] = await queryRows<{ total: string | null }>(db, sql`select sum(amortized_cost)::text as total from attributed_costs`);
  return new Decimal(row?.total ?? 0).toFixed();
}
