// Ownership metadata: owner-tag spellings, effective-dated rules that map spend to teams,
// shared-cost pools, and the versions and audit trail that explain every change.
import { pgTable, text, integer, serial, date, timestamp, pgEnum, index, jsonb } from "drizzle-orm/pg-core";
import { teams } from "./org";

/**
 * Spellings of the owner tag ("team", "Team", "owner"...), tried in position order. Effective-dated
 * like rules: a changed list closes the rows in force (valid_to) and opens new ones, so a day is
 * always attributed with the spellings of its own date.
 */
export const ownerTagKeys = pgTable(
  "owner_tag_keys",
  {
    id: serial("id").primaryKey(),
    tagKey: text("tag_key").notNull(),
    position: integer("position").notNull(),
    validFrom: date("valid_from").notNull().default("1970-01-01"),
    validTo: date("valid_to"), // exclusive; null = still in force
  },
  (t) => [index("owner_tag_keys_valid_from_idx").on(t.validFrom, t.position)],
);

/** One applied change of ownership metadata (a file, a catalog import, an edit in the UI). */
export const ownershipVersions = pgTable("ownership_versions", {
  id: serial("id").primaryKey(),
  source: text("source").notNull(), // "ownership-file", "backstage", "api"
  effectiveFrom: date("effective_from").notNull(),
  appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
  actor: text("actor").notNull(),
  note: text("note"),
});

export const ruleKind = pgEnum("ownership_rule_kind", ["resource", "tag", "service", "account"]);

/**
 * Ordered rules, first match wins. Rows are never edited in place: a change closes the old row
 * (valid_to) and adds a new one, so every attributed dollar can name the exact rule that decided it.
 */
export const ownershipRules = pgTable(
  "ownership_rules",
  {
    id: serial("id").primaryKey(),
    priority: integer("priority").notNull(),
    kind: ruleKind("kind").notNull(),
    tagValue: text("tag_value"), // lower-cased, trimmed owner-tag value, for kind = 'tag'
    accountId: text("account_id"), // for kind = 'account'; the account may not be synced yet
    service: text("service"), // for kind = 'service'
    resourcePattern: text("resource_pattern"), // glob as written, for kind = 'resource'
    resourceRegex: text("resource_regex"), // the glob as an anchored regular expression
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id),
    validFrom: date("valid_from").notNull().default("1970-01-01"),
    validTo: date("valid_to"), // exclusive; null = still in force
    source: text("source").notNull(),
    versionId: integer("version_id").references(() => ownershipVersions.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ownership_rules_priority_idx").on(t.priority)],
);

export const splitMethod = pgEnum("split_method", ["proportional", "even", "fixed"]);
export const splitPeriod = pgEnum("split_period", ["day", "month"]);

/**
 * A shared-cost pool: the lines its selector picks (record types, services, accounts, or the
 * unattributed residue) are split across teams by its method. Effective-dated like rules.
 */
export const sharedCostPools = pgTable("shared_cost_pools", {
  id: serial("id").primaryKey(),
  poolKey: text("pool_key").notNull(), // stable id from the ownership file
  name: text("name").notNull(),
  priority: integer("priority").notNull(),
  recordTypes: text("record_types").array(),
  services: text("services").array(),
  accounts: text("accounts").array(),
  residue: integer("residue").notNull().default(0), // 1 = takes what no rule claimed
  method: splitMethod("method").notNull(),
  period: splitPeriod("period").notNull().default("month"),
  weights: jsonb("weights").$type<Record<string, string>>(), // for method = 'fixed'
  teamIds: text("team_ids").array(), // null = every team
  validFrom: date("valid_from").notNull().default("1970-01-01"),
  validTo: date("valid_to"),
  source: text("source").notNull(),
  versionId: integer("version_id").references(() => ownershipVersions.id),
});

/** Who changed which ownership metadata when, with the state before and after. */
export const ownershipAudit = pgTable("ownership_audit", {
  id: serial("id").primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  actor: text("actor").notNull(),
  action: text("action").notNull(), // "rule.create", "rule.update", "rule.delete", "file.apply", ...
  versionId: integer("version_id").references(() => ownershipVersions.id),
  before: jsonb("before"),
  after: jsonb("after"),
});
