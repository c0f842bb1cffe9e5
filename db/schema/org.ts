// Who can own spend: the org tree (org -> group -> team) and the AWS accounts.
import { pgTable, text, timestamp, pgEnum, date, serial, index } from "drizzle-orm/pg-core";

export const orgUnitKind = pgEnum("org_unit_kind", ["org", "group", "team"]);
export const environment = pgEnum("environment", ["production", "development", "data", "shared"]);

/** Orgs, groups and teams; only kind = 'team' rows own spend. Their place in the tree is in team_parents. */
export const teams = pgTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kind: orgUnitKind("kind").notNull(),
  slackChannel: text("slack_channel"),
  contact: text("contact"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const accounts = pgTable("accounts", {
  id: text("id").primaryKey(), // 12-digit AWS account id
  name: text("name").notNull(),
  environment: environment("environment"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Where a unit sat in the tree over time: a reorg closes one row and opens another from its date. */
export const teamParents = pgTable(
  "team_parents",
  {
    id: serial("id").primaryKey(),
    childId: text("child_id")
      .notNull()
      .references(() => teams.id),
    parentId: text("parent_id")
      .notNull()
      .references(() => teams.id),
    validFrom: date("valid_from").notNull().default("1970-01-01"),
    validTo: date("valid_to"), // exclusive; null = current
  },
  (t) => [index("team_parents_child_idx").on(t.childId)],
);

/** The team every unowned dollar lands on, so totals always reconcile. */
export const UNATTRIBUTED_TEAM_ID = "unattributed";

/** How a line's environment is known: an environment tag value, else its account's environment. */
export const environmentTagValues = pgTable("environment_tag_values", {
  tagKey: text("tag_key").notNull(),
  tagValue: text("tag_value").notNull(), // lower-cased
  environment: environment("environment").notNull(),
}, (t) => [index("environment_tag_values_idx").on(t.tagKey, t.tagValue)]);
