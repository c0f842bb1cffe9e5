// A database holds either the demo company or a company's own billing, never both: the first
// runtime to open it claims it, and a runtime of the other kind is refused before it writes
// anything (the demo's budgets, business inputs and ownership, or a company's exports).
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import { ConfigError } from "./config/config-error";

export type DataOriginKind = "demo" | "company";

export async function claimDataOrigin(db: DbOrTx, kind: DataOriginKind, databaseDescription: string): Promise<void> {
  const [row] = await queryRows<{ kind: DataOriginKind }>(
    db,
    sql`with claimed as (insert into data_origin (id, kind) values (1, ${kind}) on conflict (id) do nothing returning kind)
        select kind from claimed union all select kind from data_origin where not exists (select 1 from claimed)`,
  );
  if (!row || row.kind === kind) return;
  if (row.kind === "demo") {
    throw new ConfigError("TALLYBOARD_SOURCE", `${databaseDescription} holds the demo company: give your own billing a database of its own (DATA_DIR or DATABASE_URL), or set TALLYBOARD_SOURCE=demo to keep using the demo`);
  }
  throw new ConfigError("TALLYBOARD_SOURCE", `${databaseDescription} holds a company's own billing: the demo (budgets, business inputs, ownership) is never loaded into it; run the demo on another DATA_DIR or DATABASE_URL`);
}
