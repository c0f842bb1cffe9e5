// Who can own spend: the org tree (org -> group -> team) and the AWS accounts.
import { pgTable, text, timestamp, pgEnum, foreignKey } from "drizzle-orm/pg-core";

export const orgUnitKind = pgEnum("org_unit_kind", ["org", "group", "team"]);
export const environment = pgEnum("environment", ["production", "development", "data", "shared"]);

/** Teams and their org/group parents in one tree; only kind = 'team' rows own spend. */
export const teams = pgTable(
  "teams",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: orgUnitKind("kind").notNull(),
    parentId: text("parent_id"),
    slackChannel: text("slack_channel"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [foreignKey({ columns: [t.parentId], foreignColumns: [t.id] })],
);

export const accounts = pgTable("accounts", {
  id: text("id").primaryKey(), // 12-digit AWS account id
  name: text("name").notNull(),
  environment: environment("environment"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The team every unowned dollar lands on, so totals always reconcile. */
export const UNATTRIBUTED_TEAM_ID = "unattributed";
