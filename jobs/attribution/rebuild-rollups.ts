// The read models, rebuilt for an attributed window in the attribution's transaction: delete the
// window's rows and insert-select new ones (no updates in place, so no dead-tuple churn on big
// tables). Daily cost from attributed_costs; monthly from daily over whole months; the owner-tag
// rollups from the billed line items, so the Ownership page never scans line items.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { COMMON_OWNER_KEYS } from "../../db/schema";
import { addDays, firstOfMonth } from "../../db/calendar";
import { loadOwnerTagKeys } from "../sync/owner-tag-keys";
import type { DayWindow } from "../sync/billing-window";
import { billedLineFilter } from "./billed-lines";
import { ownerValueExpression } from "./rule-match";


const sums = sql.raw(`sum(unblended_cost), sum(amortized_cost), sum(net_amortized_cost)`);
const lineSums = sql.raw(`sum(li.unblended_cost), sum(li.amortized_cost), sum(li.net_amortized_cost), count(*)::int`);

export async function rebuildRollups(tx: DbOrTx, window: DayWindow): Promise<void> {
  const inWindow = sql`day >= ${window.start}::date and day < ${window.end}::date`;
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

  const keys = await loadOwnerTagKeys(tx);
  const lineWindow = sql`li.day >= ${window.start}::date and li.day < ${window.end}::date and ${billedLineFilter}`;
  await tx.execute(sql`delete from owner_value_rollup_daily where ${inWindow}`);
  await tx.execute(sql`
    insert into owner_value_rollup_daily (day, account_id, owner_value, unblended_cost, amortized_cost, net_amortized_cost, lines)
    select li.day, li.account_id, ov.value, ${lineSums}
    from cost_line_items li cross join lateral (select ${ownerValueExpression(keys)} as value) ov
    where ${lineWindow} and ov.value is not null group by 1, 2, 3`);
  const ownerLike = [...new Set([...keys, ...COMMON_OWNER_KEYS].map((key) => key.toLowerCase()))];
  await tx.execute(sql`delete from owner_tag_key_rollup_daily where ${inWindow}`);
  await tx.execute(sql`
    insert into owner_tag_key_rollup_daily (day, account_id, tag_key, unblended_cost, amortized_cost, net_amortized_cost, lines)
    select li.day, li.account_id, k.key, ${lineSums}
    from cost_line_items li cross join lateral jsonb_object_keys(li.tags) as k(key)
    where ${lineWindow} and li.tags <> '{}'::jsonb and lower(k.key) = any(${`{${ownerLike.map((key) => `"${key.replaceAll('"', '\\"')}"`).join(",")}}`}::text[])
    group by 1, 2, 3`);
}
