// Billing facts as the sources deliver them: cost line items and tagged resources.
import { pgTable, text, date, numeric, jsonb, bigserial, bigint, timestamp, index } from "drizzle-orm/pg-core";

/** Line items written by the Cost Explorer sync (the demo company flows through it too). */
export const COST_EXPLORER_SOURCE = "cost-explorer";

export const costLineItems = pgTable(
  "cost_line_items",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
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
    source: text("source").notNull(), // "cost-explorer", later "cur", "focus"
    batchId: bigint("batch_id", { mode: "number" }).notNull(), // the job run that wrote it
  },
  // For the attribution window scan and billedLineFilter's export-wins probe (source, day, account),
  // and for an import replacing a period's batches (source, batch_id). Nothing else on purpose.
  (t) => [index("cost_line_items_source_day_idx").on(t.source, t.day, t.accountId), index("cost_line_items_source_batch_idx").on(t.source, t.batchId)],
);

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
