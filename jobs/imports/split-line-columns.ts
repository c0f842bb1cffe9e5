// The cost_line_items columns split cost allocation data fills (split-columns.ts reads them from the
// exports); a file of its own so the SQL mapping's column list (sql-fields.ts) can name them without a cycle.
import { sql, type SQL } from "drizzle-orm";

/** The line-item columns split data fills, in cost_line_items order; null on every other line. */
export const SPLIT_LINE_COLUMNS = ["split_cost", "unused_cost", "net_split_cost", "net_unused_cost", "parent_resource_id", "reserved_usage", "actual_usage", "split_usage", "split_usage_ratio", "usage_hour"] as const;
export type SplitLineColumn = (typeof SPLIT_LINE_COLUMNS)[number];

/** The columns' SQL types, for the mappings that have no split data (FOCUS): typed nulls. */
export const SPLIT_NULLS: Record<SplitLineColumn, SQL> = Object.fromEntries(
  SPLIT_LINE_COLUMNS.map((column) => [column, sql.raw(column === "parent_resource_id" ? "null::text" : column === "usage_hour" ? "null::smallint" : "null::numeric")]),
) as Record<SplitLineColumn, SQL>;

