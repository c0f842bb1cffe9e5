// Exports-only deployments have no Tagging API: the resources (and their tags) the Ownership page,
// the overview and the nudges list come from the exports' resource ids instead. Upserted for the
// import's window, inside its transaction; the tags of a resource's newest tagged line win.
import { sql } from "drizzle-orm";
import { affectedRows, type DbOrTx } from "../../db/client";
import type { DayWindow } from "../sync/billing-window";
import { daysInWindow } from "../sync/days-in-window";

export async function upsertExportResources(tx: DbOrTx, window: DayWindow): Promise<number> {
  const result = await tx.execute(sql`
    insert into resources (arn, account_id, region, service, resource_type, tags, first_seen_at, last_seen_at)
    select li.resource_id,
           (array_agg(li.account_id order by li.day desc))[1], (array_agg(li.region order by li.day desc))[1],
           (array_agg(li.service order by li.day desc))[1], '',
           (array_agg(li.tags order by li.tags <> '{}'::jsonb desc, li.day desc))[1],
           min(li.day)::timestamp at time zone 'UTC', max(li.day)::timestamp at time zone 'UTC'
    from cost_line_items li
    where ${daysInWindow(window, "li")} and li.source <> 'cost-explorer'
      and coalesce(li.resource_id, '') <> ''
    group by li.resource_id
    on conflict (arn) do update set
      tags = case when excluded.last_seen_at >= resources.last_seen_at then excluded.tags else resources.tags end,
      region = case when excluded.last_seen_at >= resources.last_seen_at then excluded.region else resources.region end,
      first_seen_at = least(resources.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(resources.last_seen_at, excluded.last_seen_at)`);
  return affectedRows(result);
}
