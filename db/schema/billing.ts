// Billing facts as the sources deliver them: cost line items and tagged resources.
import { pgTable, text, date, numeric, jsonb, bigint, integer, smallint, timestamp, index, primaryKey } from "drizzle-orm/pg-core";

/** Line items written by the Cost Explorer sync (the demo company flows through it too). */
export const COST_EXPLORER_SOURCE = "cost-explorer";

export const costLineItems = pgTable(
  "cost_line_items",
  {
    day: date("day").notNull(),
    accountId: text("account_id").notNull(),
    service: text("service").notNull(),
    region: text("region").notNull().default(""),
    usageType: text("usage_type").notNull().default(""),
    recordType: text("record_type").notNull(),
    resourceId: text("resource_id"),
    tags: jsonb("tags").$type<Record<string, string>>().notNull().default({}),
    unblendedCost: numeric("unblended_cost").notNull(),
    amortizedCost: numeric("amortized_cost").notNull(),
    netAmortizedCost: numeric("net_amortized_cost").notNull(),
    usageQuantity: numeric("usage_quantity"), // null where the source sums unlike units
    invoiceId: text("invoice_id"), // the export's bill/InvoiceId, bill_invoice_id or InvoiceId; null for Cost Explorer
    // AWS split cost allocation data (docs/clusters.md): set on a pod's or task's usage lines only.
    splitCost: numeric("split_cost"),
    unusedCost: numeric("unused_cost"),
    netSplitCost: numeric("net_split_cost"),
    netUnusedCost: numeric("net_unused_cost"),
    parentResourceId: text("parent_resource_id"), // the EC2 instance the pod or task ran on
    reservedUsage: numeric("reserved_usage"),
    actualUsage: numeric("actual_usage"),
    splitUsage: numeric("split_usage"),
    splitUsageRatio: numeric("split_usage_ratio"),
    usageHour: smallint("usage_hour"), // UTC hour of usage start, on split lines and EC2 instance lines of an export
    source: text("source").notNull(), // "cost-explorer", later "cur", "focus"
    batchId: bigint("batch_id", { mode: "number" }).notNull(), // the job run that wrote it
    lineCount: integer("line_count"), // lines a grouped fact stands for (jobs/engines); null = one
  },
  // No key and no btree: nothing looks a line up by identity, every reader takes a day range (month
  // partitions, then this BRIN, which rows written in day order keep tight at almost no write cost),
  // and btree upkeep was most of a bulk import's time.
  (t) => [index("cost_line_items_day_brin_idx").using("brin", t.day)],
);

/** Every tag key the line items of a month may hold (a superset: kept when rows go). Filled by a
 *  statement trigger on cost_line_items, or by a bulk import that knows its keys from the file's
 *  header; attribution reads it instead of expanding every line's tags. */
export const lineItemTagKeys = pgTable("line_item_tag_keys", { month: date("month").notNull(), tagKey: text("tag_key").notNull() }, (t) => [
  primaryKey({ columns: [t.month, t.tagKey] }),
]);

/** The account-days a resource-level export (CUR/FOCUS) covers, refreshed by attribution for its
 *  window: Cost Explorer lines of these days do not count (billed-lines.ts). */
export const exportBilledDays = pgTable("export_billed_days", { day: date("day").notNull(), accountId: text("account_id").notNull() }, (t) => [
  primaryKey({ columns: [t.day, t.accountId] }),
]);

export const resources = pgTable(
  "resources",
  {
    arn: text("arn").primaryKey(),
    accountId: text("account_id").notNull(),
    region: text("region").notNull(),
    service: text("service").notNull(),
    resourceType: text("resource_type").notNull().default(""),
    tags: jsonb("tags").$type<Record<string, string>>().notNull().default({}),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("resources_account_idx").on(t.accountId)],
);
