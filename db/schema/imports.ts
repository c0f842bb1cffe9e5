// Billing export files imported (CUR, CUR 2.0, FOCUS): one batch per (source, billing period) write.
// The batch that currently holds a period has status "imported"; a restated file marks it "replaced".
import { pgTable, text, date, integer, bigserial, timestamp, index } from "drizzle-orm/pg-core";

export const CUR_SOURCE = "cur";
export const FOCUS_SOURCE = "focus";

export const importBatches = pgTable(
  "import_batches",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    source: text("source").notNull(), // "cur" or "focus": the cost_line_items.source it wrote
    format: text("format").notNull(), // "cur", "cur2", "focus"
    billingPeriod: date("billing_period").notNull(), // first day of the billing month
    fileName: text("file_name").notNull(), // the file(s) the period came from, comma-separated
    sha256: text("sha256").notNull(), // of the file, or of the sorted file hashes when several
    rows: integer("rows").notNull(),
    // The days its rows span, so replacing the period deletes within those partitions (null: unknown, older batches).
    firstDay: date("first_day"),
    lastDay: date("last_day"),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
    status: text("status").notNull(), // "imported" (current) or "replaced"
  },
  (t) => [index("import_batches_period_idx").on(t.source, t.billingPeriod, t.status)],
);
