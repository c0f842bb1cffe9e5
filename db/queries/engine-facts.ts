// Whether a day range's billed rows include grouped facts of a DuckDB or Athena pass (the batches it
// wrote are labelled "<engine>: <location>"): then single lines are in the export, not here.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";

export async function rangeHoldsEngineFacts(db: DbOrTx, range: { from: string; to: string }): Promise<boolean> {
  const [row] = await queryRows<{ any: boolean }>(
    db,
    sql`select exists (
          select 1 from import_batches
          where status = 'imported' and (file_name like 'duckdb: %' or file_name like 'athena: %')
            and coalesce(first_day, billing_period) <= ${range.to}::date
            and coalesce(last_day, (billing_period + interval '1 month' - interval '1 day')::date) >= ${range.from}::date
        ) as any`,
  );
  return Boolean(row?.any);
}
