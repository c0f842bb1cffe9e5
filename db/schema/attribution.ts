// The output of attribution: every billed dollar of a day on exactly one team, with the rule that put it there.
import { pgTable, text, date, numeric, integer, bigint, bigserial, index } from "drizzle-orm/pg-core";

export const attributedCosts = pgTable(
  "attributed_costs",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    day: date("day").notNull(),
    teamId: text("team_id").notNull(),
    accountId: text("account_id").notNull(),
    service: text("service").notNull(),
    recordType: text("record_type").notNull(),
    unblendedCost: numeric("unblended_cost").notNull(),
    amortizedCost: numeric("amortized_cost").notNull(),
    netAmortizedCost: numeric("net_amortized_cost").notNull(),
    ruleId: integer("rule_id"), // null when nothing matched (team = unattributed)
    decidedBy: text("decided_by").notNull(), // "owner-tag", "account-owner", "unattributed"
    runId: bigint("run_id", { mode: "number" }).notNull(),
  },
  (t) => [index("attributed_costs_day_team_idx").on(t.day, t.teamId), index("attributed_costs_team_day_idx").on(t.teamId, t.day)],
);
