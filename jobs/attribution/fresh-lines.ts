// An import's new lines in attribution's one scan (attribute-window.ts): the billing period of a line
// whose batch the import wrote, its invoice and whether it carries an owner-like tag are group keys
// there, so the import's quality report totals its lines from the scan's groups instead of reading
// them all again (0.4-0.5 s of a 1M-line import; the extra keys cost the scan nothing measurable).
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";

/** An import's new batches: batch id -> billing period. */
export type FreshBatches = ReadonlyMap<number, string>;

/** The new lines of one billing period and invoice. */
export interface FreshTotal {
  period: string;
  invoiceId: string | null;
  rows: number;
  unblended: string;
  amortized: string;
  /** Unblended cost of the lines with no non-empty value under an owner-like key. */
  withoutOwnerTag: string;
}

/** A line's billing period when its batch is new, else null: one subscript of an array over the new ids' span
 *  (consecutive, taken in one import), whatever the number of batches. */
export function freshPeriodOf(fresh: FreshBatches): SQL {
  if (fresh.size === 0) return sql`null::date`;
  const ids = [...fresh.keys()];
  const first = Math.min(...ids);
  const last = Math.max(...ids);
  const periods = Array.from({ length: last - first + 1 }, (_, i) => fresh.get(first + i) ?? "NULL");
  return sql`(case when li.batch_id between ${first} and ${last} then (${`{${periods.join(",")}}`}::date[])[(li.batch_id - ${first - 1})::int] end)`;
}

/** The new lines' totals per period and invoice, from attribution_lines. */
export async function freshTotals(tx: DbOrTx): Promise<FreshTotal[]> {
  return queryRows<FreshTotal>(
    tx,
    sql`select fresh_period::text as period, invoice_id as "invoiceId", sum(lines)::int as rows, sum(unblended)::text as unblended, sum(amortized)::text as amortized,
          coalesce(sum(unblended) filter (where not owner_tagged), 0)::text as "withoutOwnerTag"
        from attribution_lines where fresh_period is not null group by 1, 2`,
  );
}
