// The read models, rebuilt for an attributed window in the attribution's transaction: delete the
// window's rows and insert-select new ones (no updates in place, so no dead-tuple churn on big
// tables). Daily cost from attributed_costs; monthly from daily over whole months; the owner-tag
// rollups from the billed lines as attributeWindow grouped them (attribution_lines, in this
// transaction), so the Ownership page never scans line items. Runs after attributeWindow.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { addDays, firstOfMonth } from "../../db/calendar";
import type { DayWindow } from "../sync/billing-window";
import { daysInWindow } from "../sync/days-in-window";

const sums = sql.raw(`sum(unblended_cost), sum(amortized_cost), sum(net_amortized_cost)`);

export async function rebuildRollups(tx: DbOrTx, window: DayWindow): Promise<void> {
  const inWindow = daysInWindow(window);
  await tx.execute(sql`delete from cost_rollup_daily where ${inWindow}`);
  await tx.execute(sql`
    insert into cost_rollup_daily (day, team_id, account_id, service, environment, record_type, unblended_cost, amortized_cost, net_amortized_cost)
    select day, team_id, account_id, service, environment, record_type, ${sums}
    from attributed_costs where ${inWindow} group by 1, 2, 3, 4, 5, 6`);

  // Whole months: the window may end mid-month, but the month's row must cover all its days.
  const months = { start: firstOfMonth(window.start), end: firstOfMonth(addDays(firstOfMonth(addDays(window.end, -1)), 32)) };
  await tx.execute(sql`delete from cost_rollup_monthly where month >= ${months.start}::date and month < ${months.end}::date`);
  await tx.execute(sql`
    insert into cost_rollup_monthly (month, team_id, account_id, service, environment, record_type, unblended_cost, amortized_cost, net_amortized_cost)
    select date_trunc('month', day::timestamp)::date, team_id, account_id, service, environment, record_type, ${sums}
    from cost_rollup_daily where day >= ${months.start}::date and day < ${months.end}::date group by 1, 2, 3, 4, 5, 6`);

  // The owner rollups from the window's billed lines as attribution grouped them (attribution_lines:
  // owner value and owner-like tag keys already read from the tags), not from another line-item scan.
  const groupSums = sql.raw(`sum(l.unblended), sum(l.amortized), sum(l.net_amortized), sum(l.lines)::int`);
  await tx.execute(sql`delete from owner_value_rollup_daily where ${inWindow}`);
  await tx.execute(sql`
    insert into owner_value_rollup_daily (day, account_id, owner_value, unblended_cost, amortized_cost, net_amortized_cost, lines)
    select l.day, l.account_id, l.owner_value, ${groupSums}
    from attribution_lines l where ${daysInWindow(window, "l")} and l.owner_value is not null group by 1, 2, 3`);
  await tx.execute(sql`delete from owner_tag_key_rollup_daily where ${inWindow}`);
  await tx.execute(sql`
    insert into owner_tag_key_rollup_daily (day, account_id, tag_key, unblended_cost, amortized_cost, net_amortized_cost, lines)
    select l.day, l.account_id, k.key, ${groupSums}
    from attribution_lines l cross join unnest(l.owner_keys) as k(key)
    where ${daysInWindow(window, "l")} group by 1, 2, 3`);
}
