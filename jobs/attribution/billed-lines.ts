// Which line items make the bill. An account/day can arrive both from the Cost Explorer sync and
// from a resource-level export (CUR/FOCUS); the export wins for that account and day, so the same
// dollar is never counted twice. Attribution and reconciliation read the bill through this one filter.
import { sql } from "drizzle-orm";

/** A condition on cost_line_items aliased `li`: true for the lines that count. */
export const billedLineFilter = sql`(li.source <> 'cost-explorer' or not exists (
  select 1 from cost_line_items x where x.source in ('cur', 'focus') and x.day = li.day and x.account_id = li.account_id))`;
