// Ownership metadata: which tag keys name an owner, and the ordered rules that map spend to teams.
import { pgTable, text, integer, serial, date, timestamp, pgEnum, index } from "drizzle-orm/pg-core";
import { teams } from "./org";

/** Spellings of the owner tag ("team", "Team", "owner"...), tried in position order. */
export const ownerTagKeys = pgTable("owner_tag_keys", {
  tagKey: text("tag_key").primaryKey(),
  position: integer("position").notNull().unique(),
});

export const ruleKind = pgEnum("ownership_rule_kind", ["tag", "account"]);

/** Ordered rules, first match wins: an owner-tag value -> team, or an account -> team. */
export const ownershipRules = pgTable(
  "ownership_rules",
  {
    id: serial("id").primaryKey(),
    priority: integer("priority").notNull(),
    kind: ruleKind("kind").notNull(),
    tagValue: text("tag_value"), // lower-cased, trimmed owner-tag value, for kind = 'tag'
    accountId: text("account_id"), // for kind = 'account'; the account may not be synced yet
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id),
    validFrom: date("valid_from").notNull().default("1970-01-01"),
    validTo: date("valid_to"), // exclusive; null = still in force
    source: text("source").notNull(), // where the rule came from, e.g. "ownership.yaml"
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ownership_rules_priority_idx").on(t.priority)],
);
