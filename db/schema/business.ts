// Business inputs for the efficiency metrics: product operations, headcount, revenue and cash,
// non-cloud vendors and goals. Each table is keyed by its natural key, so a re-import upserts.
import { pgTable, text, date, numeric, integer, boolean, primaryKey } from "drizzle-orm/pg-core";

/** Daily count of a named product operation (searches, payments processed...). team_id '' = no team. */
export const productOperations = pgTable(
  "product_operations",
  {
    day: date("day").notNull(),
    product: text("product").notNull(),
    metric: text("metric").notNull(),
    teamId: text("team_id").notNull().default(""),
    count: numeric("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.product, t.metric, t.teamId] })],
);

/** Engineers on a team in a month (an HRIS export); month = the month's first day. */
export const headcount = pgTable(
  "headcount",
  {
    month: date("month").notNull(),
    teamId: text("team_id").notNull(),
    engineers: integer("engineers").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.teamId] })],
);

/** Recognized revenue, month-end cash and net burn of a full month; month = its first day. */
export const revenueMonths = pgTable("revenue_months", {
  month: date("month").primaryKey(),
  revenueUsd: numeric("revenue_usd").notNull(),
  cashUsd: numeric("cash_usd").notNull(),
  netBurnUsd: numeric("net_burn_usd").notNull(),
});

/** Non-cloud vendor contracts (observability, CI, security, developer tools), one row per contract
 *  term: a month's overhead counts the contracts in force in it (engineer-overhead.ts). */
export const vendors = pgTable("vendors", {
  name: text("name").notNull(),
  monthlyCostUsd: numeric("monthly_cost_usd").notNull(),
  category: text("category").notNull(),
  teamId: text("team_id").notNull(),
  renewalDate: date("renewal_date").notNull(),
  production: boolean("production").notNull(),
  startDate: date("start_date").notNull(),
  endDate: date("end_date"), // inclusive; null = until the vendor's next contract starts, or for good
}, (t) => [primaryKey({ columns: [t.name, t.startDate] })]);

/** A target for a metric from a date on ("$1.00 per 10,000 searches"); team_id = whose goal it is. */
export const metricGoals = pgTable(
  "metric_goals",
  {
    metricKey: text("metric_key").notNull(),
    appliesFrom: date("applies_from").notNull(),
    targetValue: numeric("target_value").notNull(),
    unitN: integer("unit_n").notNull().default(1),
    teamId: text("team_id"),
  },
  (t) => [primaryKey({ columns: [t.metricKey, t.appliesFrom] })],
);
