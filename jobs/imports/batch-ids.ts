// One import batch per (file, billing period): its id is taken from the batches' sequence when the
// first rows are written (by the import transaction, or by a lane on its own connection: nextval
// is outside transactions), goes on the rows as batch_id, and the batch is recorded last.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";

export class BatchIds {
  private readonly ids = new Map<string, Promise<number>>();

  constructor(private readonly tx: DbOrTx) {}

  /** The ids of a file's periods; `db` is the connection to take new ones on. */
  async of(fileIndex: number, periods: string[], db: DbOrTx = this.tx): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    for (const period of periods) {
      const key = `${fileIndex}|${period}`;
      // The promise is kept at once, so two lanes that meet a period together share its id.
      if (!this.ids.has(key)) this.ids.set(key, queryRows<{ id: number }>(db, sql`select nextval(pg_get_serial_sequence('import_batches', 'id'))::int as id`).then(([row]) => Number(row!.id)));
      result.set(period, await this.ids.get(key)!);
    }
    return result;
  }
}
