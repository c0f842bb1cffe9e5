// Wins: efficiency changes a team shipped, with the savings it expected. What was realized is
// measured from the attributed costs on read (never stored), so a restated bill restates it too.
import { pgTable, text, date, numeric, serial, timestamp, index } from "drizzle-orm/pg-core";
import { teams } from "./org";

export const wins = pgTable(
  "wins",
  {
    id: serial("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id),
    title: text("title").notNull(), // what changed ("Rightsized the checkout fleet")
    shippedOn: date("shipped_on").notNull(),
    expectedMonthlySavingsUsd: numeric("expected_monthly_savings_usd").notNull(),
    /** Optional scope: only this service's / account's costs are compared before and after. */
    service: text("service"),
    accountId: text("account_id"),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("wins_team_idx").on(t.teamId, t.shippedOn)],
);
