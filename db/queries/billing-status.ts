// How far the data goes: the last complete billing day, so charts never show a half-billed day.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { syncWatermarks, COST_EXPLORER_SOURCE } from "../schema";
import { addDays } from "../calendar";

/**
 * The newest billed day: the day before the Cost Explorer watermark (the newest day a committed
 * sync holds), or the newest day the current deliveries of the exports cover, whichever is later
 * (an exports-only deployment has no watermark). Null before the first sync or import.
 */
export async function getLastCompleteBillingDay(db: DbOrTx): Promise<string | null> {
  return (await getBillingStatus(db)).lastCompleteBillingDay;
}

export interface BillingStatus {
  lastCompleteBillingDay: string | null;
  /** What set it: the Cost Explorer sync or the exports' newest deliveries. */
  basis: "cost-explorer" | "exports" | null;
  /** The month of that day when the day is not its last (YYYY-MM): the open month, partially billed. */
  partialMonth: string | null;
}

export async function getBillingStatus(db: DbOrTx): Promise<BillingStatus> {
  const [row] = await queryRows<{ synced: string | null; exported: string | null }>(
    db,
    sql`select (select (synced_through - 1)::text from ${syncWatermarks} where source = ${COST_EXPLORER_SOURCE}) as synced,
               (select max(last_day)::text from import_batches where status = 'imported') as exported`,
  );
  const { synced, exported } = row ?? { synced: null, exported: null };
  const basis = synced === null && exported === null ? null : exported !== null && (synced === null || exported > synced) ? "exports" : "cost-explorer";
  const lastCompleteBillingDay = basis === "exports" ? exported : synced;
  const partialMonth = lastCompleteBillingDay && addDays(lastCompleteBillingDay, 1).slice(0, 7) === lastCompleteBillingDay.slice(0, 7) ? lastCompleteBillingDay.slice(0, 7) : null;
  return { lastCompleteBillingDay, basis, partialMonth };
}

/** The first month any cost was attributed to (YYYY-MM), or null when nothing has been. */
export async function getFirstBilledMonth(db: DbOrTx): Promise<string | null> {
  const [row] = await queryRows<{ month: string | null }>(db, sql`select to_char(min(month), 'YYYY-MM') as month from cost_rollup_monthly`);
  return row?.month ?? null;
}
