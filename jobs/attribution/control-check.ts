// Attribution against a control total it did not produce (control_totals: the bill per day and
// account from an ungrouped Cost Explorer query). reconcile.ts proves attribution kept every
// grouped line; this proves the lines themselves were the bill: a wrong mapping, a lost query or an
// export imported twice shows here, per day and account, to the cent.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import type { DayWindow } from "../sync/billing-window";
import { daysInWindow } from "../sync/days-in-window";

export interface ControlMismatch {
  day: string;
  accountId: string;
  measure: "unblended" | "amortized";
  control: string;
  attributed: string;
}

export interface ControlCheck {
  source: "cost-explorer";
  /** Days of the window the source gave a control total for; other days are not checked. */
  daysChecked: number;
  accountDaysChecked: number;
  /** Sums over the checked days only, so the two are comparable. */
  controlUnblended: string;
  attributedUnblended: string;
  mismatchCount: number;
  /** The first mismatches, largest difference first. */
  mismatches: ControlMismatch[];
}

const SHOWN_MISMATCHES = 20;

export async function checkControlTotals(tx: DbOrTx, window: DayWindow): Promise<ControlCheck> {
  const compared = sql`
    with control as (
      select day, account_id, unblended_cost as unblended, amortized_cost as amortized from control_totals
      where source = 'cost-explorer' and ${daysInWindow(window)}
    ), attributed as (
      select day, account_id, sum(unblended_cost) as unblended, sum(amortized_cost) as amortized from attributed_costs
      where day in (select distinct day from control) group by day, account_id
    ), compared as (
      select coalesce(c.day, a.day) as day, coalesce(c.account_id, a.account_id) as account_id, m.measure,
        coalesce(m.control, 0) as control, coalesce(m.attributed, 0) as attributed,
        round(coalesce(m.control, 0), 2) <> round(coalesce(m.attributed, 0), 2) as differs
      from control c full join attributed a on a.day = c.day and a.account_id = c.account_id
      cross join lateral (values ('unblended', c.unblended, a.unblended), ('amortized', c.amortized, a.amortized)) as m(measure, control, attributed)
    )`;
  const [summary] = await queryRows<{ days: string; account_days: string; mismatches: string; control: string; attributed: string }>(
    tx,
    sql`${compared} select count(distinct day)::text as days, count(distinct (day, account_id))::text as account_days,
      count(*) filter (where differs)::text as mismatches,
      coalesce(sum(control) filter (where measure = 'unblended'), 0)::text as control,
      coalesce(sum(attributed) filter (where measure = 'unblended'), 0)::text as attributed
    from compared`,
  );
  const mismatches = await queryRows<ControlMismatch>(
    tx,
    sql`${compared} select day::text as day, account_id as "accountId", measure, control::text as control, attributed::text as attributed
    from compared where differs order by abs(control - attributed) desc, day, account_id, measure limit ${SHOWN_MISMATCHES}`,
  );
  return {
    source: "cost-explorer",
    daysChecked: Number(summary!.days),
    accountDaysChecked: Number(summary!.account_days),
    mismatchCount: Number(summary!.mismatches),
    controlUnblended: summary!.control,
    attributedUnblended: summary!.attributed,
    mismatches,
  };
}
