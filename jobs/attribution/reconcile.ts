// Invariant I1: per day and per cost measure, attributed totals equal billed totals exactly (numeric).
// The billed side is the window's billed line items as attributeWindow summed them in this
// transaction (attribution_lines: exact numeric sums, so one scan of line items serves both).
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import type { DayWindow } from "../sync/billing-window";
import type { ControlCheck } from "./control-check";
import { daysInWindow } from "../sync/days-in-window";

export interface Reconciliation {
  daysChecked: number;
  /** Days whose attributed and billed totals differ, with both sides; empty when all reconcile. */
  mismatches: { day: string; measure: string; billed: string | null; attributed: string | null }[];
  billedUnblended: string;
  billedAmortized: string;
  /** The same days against a control total attribution did not produce (control-check.ts). */
  control?: ControlCheck;
}

export async function reconcileWindow(tx: DbOrTx, window: DayWindow): Promise<Reconciliation> {
  const rows = await queryRows<{ day: string; measure: string; billed: string | null; attributed: string | null }>(
    tx,
    sql`
    with billed as (
      select day, sum(unblended) as unblended, sum(amortized) as amortized, sum(net_amortized) as net_amortized
      from attribution_lines where ${daysInWindow(window)} group by day
    ), attributed as (
      select day, sum(unblended_cost) as unblended, sum(amortized_cost) as amortized, sum(net_amortized_cost) as net_amortized
      from attributed_costs where ${daysInWindow(window)} group by day
    ), compared as (
      select coalesce(b.day, a.day) as day, m.measure, m.billed, m.attributed
      from billed b full join attributed a on a.day = b.day
      cross join lateral (values
        ('unblended', b.unblended, a.unblended),
        ('amortized', b.amortized, a.amortized),
        ('net_amortized', b.net_amortized, a.net_amortized)) as m(measure, billed, attributed)
    )
    select day::text, measure, billed::text, attributed::text from compared
    where coalesce(billed, 0) <> coalesce(attributed, 0)
    union all
    select 'total', 'days', count(distinct day)::text, null from compared
    union all
    select 'total', 'sums', (select coalesce(sum(unblended), 0)::text from billed), (select coalesce(sum(amortized), 0)::text from billed)`,
  );
  const mismatches = rows.filter((row) => row.day !== "total");
  const days = rows.find((row) => row.measure === "days");
  const sums = rows.find((row) => row.measure === "sums");
  return {
    daysChecked: Number(days?.billed ?? 0),
    mismatches: mismatches.slice(0, 20),
    billedUnblended: sums?.billed ?? "0",
    billedAmortized: sums?.attributed ?? "0",
  };
}
