// Read models the dashboard serves from, rebuilt (delete + insert-select, never updated in place)
// for the affected day range in the transaction that attributes it. No read touches line items.
import { pgTable, text, date, numeric, integer, index } from "drizzle-orm/pg-core";

/** Owner-tag spellings worth reporting even when not configured: they hint at missed owners. */
export const COMMON_OWNER_KEYS = ["owner", "team", "squad", "service-owner", "cost-center"];

const measures = {
  unblendedCost: numeric("unblended_cost").notNull(),
  amortizedCost: numeric("amortized_cost").notNull(),
  netAmortizedCost: numeric("net_amortized_cost").notNull(),
};

/** Attributed cost per day x team x account x service x environment x charge category (record type). */
export const costRollupDaily = pgTable(
  "cost_rollup_daily",
  {
    day: date("day").notNull(),
    teamId: text("team_id").notNull(),
    accountId: text("account_id").notNull(),
    service: text("service").notNull(),
    environment: text("environment"),
    recordType: text("record_type").notNull(),
    ...measures,
  },
  (t) => [index("cost_rollup_daily_day_idx").on(t.day), index("cost_rollup_daily_team_day_idx").on(t.teamId, t.day)],
);

/** The same per calendar month (month = its first day), for reads whose range is whole months. */
export const costRollupMonthly = pgTable(
  "cost_rollup_monthly",
  {
    month: date("month").notNull(),
    teamId: text("team_id").notNull(),
    accountId: text("account_id").notNull(),
    service: text("service").notNull(),
    environment: text("environment"),
    recordType: text("record_type").notNull(),
    ...measures,
  },
  (t) => [index("cost_rollup_monthly_month_idx").on(t.month), index("cost_rollup_monthly_team_month_idx").on(t.teamId, t.month)],
);

/** Billed cost per day x account x resolved owner-tag value (configured spellings, normalised). */
export const ownerValueRollupDaily = pgTable(
  "owner_value_rollup_daily",
  {
    day: date("day").notNull(),
    accountId: text("account_id").notNull(),
    ownerValue: text("owner_value").notNull(),
    ...measures,
    lines: integer("lines").notNull(),
  },
  (t) => [index("owner_value_rollup_daily_day_idx").on(t.day)],
);

/** Raw cost per day x account x owner-like tag key as written ("Team", "team", "owner"...). */
export const ownerTagKeyRollupDaily = pgTable(
  "owner_tag_key_rollup_daily",
  {
    day: date("day").notNull(),
    accountId: text("account_id").notNull(),
    tagKey: text("tag_key").notNull(),
    ...measures,
    lines: integer("lines").notNull(),
  },
  (t) => [index("owner_tag_key_rollup_daily_day_idx").on(t.day)],
);
