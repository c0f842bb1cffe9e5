// Which line items make the bill. An account/day can arrive both from the Cost Explorer sync and
// from a resource-level export (CUR/FOCUS); the export wins for that account and day, so the same
// dollar is never counted twice. Attribution records the account-days the exports cover
// (export_billed_days, refreshed for every window it attributes, in the writer's transaction) and
// drops those Cost Explorer lines from its groups; other readers of line items use this filter.
import { sql } from "drizzle-orm";

/** The sources of resource-level exports, as a condition on a `source` column. */
export const EXPORT_SOURCES_SQL = sql`source in ('cur', 'focus')`;

/** A condition on cost_line_items aliased `li`: true for the lines that count. */
export const billedLineFilter = sql`(li.source <> 'cost-explorer' or not exists (
  select 1 from export_billed_days x where x.day = li.day and x.account_id = li.account_id))`;
