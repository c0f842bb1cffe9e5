// Budgets per team per month, the approvals the over-budget rule asks for, and the audit trail
// of every budget change (CSV import, edit in the UI) and approval.
import { pgTable, text, date, numeric, serial, timestamp, jsonb, index, primaryKey } from "drizzle-orm/pg-core";
import { teams } from "./org";

/** A team's budget for a month (month = its first day). Groups and orgs roll up from their teams. */
export const teamBudgets = pgTable(
  "team_budgets",
  {
    month: date("month").notNull(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id),
    budgetUsd: numeric("budget_usd").notNull(),
    source: text("source").notNull(), // "csv:<file>", "api"
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text("updated_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.teamId] })],
);

/**
 * Sign-off for a team whose month-end forecast runs over budget by more than the threshold.
 * Rows are never edited: the figures seen when approving are kept with the reason.
 */
export const budgetApprovals = pgTable(
  "budget_approvals",
  {
    id: serial("id").primaryKey(),
    month: date("month").notNull(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id),
    actor: text("actor").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    reason: text("reason").notNull(),
    measure: text("measure").notNull(),
    budgetUsd: numeric("budget_usd").notNull(),
    forecastUsd: numeric("forecast_usd").notNull(),
    thresholdPct: numeric("threshold_pct").notNull(), // the rule's threshold as a fraction: 0.02 = 2%
  },
  (t) => [index("budget_approvals_month_team_idx").on(t.month, t.teamId)],
);

/** Who changed which budget or approved what, when, with the state before and after. */
export const budgetAudit = pgTable(
  "budget_audit",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    action: text("action").notNull(), // "budget.import", "budget.update", "approval.create"
    month: date("month").notNull(),
    teamId: text("team_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("budget_audit_month_team_idx").on(t.month, t.teamId)],
);
