// Saved business reviews and cost estimates for tech specs. Each keeps a snapshot of its numbers as
// they were when saved, so a later restatement of the bill never rewrites a past document.
import { pgTable, text, date, serial, timestamp, jsonb, index } from "drizzle-orm/pg-core";
import type { ReviewDocument } from "../domain/review-model";
import type { CostEstimate, EstimateInput } from "../domain/estimate-model";
import { teams } from "./org";

export const businessReviews = pgTable(
  "business_reviews",
  {
    id: serial("id").primaryKey(),
    scope: text("scope").notNull(), // "team:search", "company"
    period: text("period").notNull(), // "2026-10", "2026-Q3"
    measure: text("measure").notNull(),
    title: text("title").notNull(),
    document: jsonb("document").$type<ReviewDocument>().notNull(),
    savedBy: text("saved_by").notNull(),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("business_reviews_scope_period_idx").on(t.scope, t.period)],
);

export const costEstimates = pgTable(
  "cost_estimates",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    /** The team that will own the new service: after launch its attributed cost is the actual. */
    teamId: text("team_id").references(() => teams.id),
    launchMonth: date("launch_month"), // first day of the month it launches
    input: jsonb("input").$type<EstimateInput>().notNull(),
    estimate: jsonb("estimate").$type<CostEstimate>().notNull(),
    savedBy: text("saved_by").notNull(),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("cost_estimates_team_idx").on(t.teamId)],
);
