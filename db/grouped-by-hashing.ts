// Runs `run` with sorting planned off (and, when given, a larger work_mem), then puts both settings
// back. The planner cannot estimate how few groups an expression or a new partition holds, so it
// plans a sort of every line, on disk, where hashing them is several times faster.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "./client";

export async function groupedByHashing<T>(tx: DbOrTx, run: () => Promise<T>, workMem?: string): Promise<T> {
  const [before] = await queryRows<{ sort: string; workMem: string }>(tx, sql`select current_setting('enable_sort') as sort, current_setting('work_mem') as "workMem"`);
  await tx.execute(sql`set local enable_sort = off`);
  if (workMem) await tx.execute(sql`select set_config('work_mem', ${workMem}, true)`);
  const result = await run(); // on an error the transaction is aborted, and its settings with it
  await tx.execute(sql`select set_config('enable_sort', ${before!.sort}, true), set_config('work_mem', ${before!.workMem}, true)`);
  return result;
}
