import { bigint, date, numeric, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * The bill per day and account as a source states it with no grouping of ours (an ungrouped Cost
 * Explorer query): a control total that attribution did not produce, so a wrong mapping, a lost
 * query or a file imported twice shows up against it.
 */
export const controlTotals = pgTable(
  "control_totals",
  {
    source: text("source").notNull(),
    day: date("day").notNull(),
    accountId: text("account_id").notNull(),
    unblendedCost: numeric("unblended_cost").notNull(),
    amortizedCost: numeric("amortized_cost").notNull(),
    netAmortizedCost: numeric("net_amortized_cost").notNull(),
    runId: bigint("run_id", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.day, t.accountId] })],
);
