// Writes an ownership file into the database in one transaction: org tree, owner-tag keys, rules.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { teams, ownerTagKeys, ownershipRules, UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import type { Ownership } from "./ownership-file";

export const OWNERSHIP_FILE_SOURCE = "ownership-file";

type TeamRow = typeof teams.$inferInsert;
type RuleRow = typeof ownershipRules.$inferInsert;

/** Rows the file stands for: tag rules first (the owner tag wins), then account defaults. */
export function ownershipRows(ownership: Ownership): { teams: TeamRow[]; rules: RuleRow[] } {
  const teamRows: TeamRow[] = [{ id: UNATTRIBUTED_TEAM_ID, name: "Unattributed", kind: "team", parentId: null }];
  const rules: RuleRow[] = [];
  for (const org of ownership.orgs) {
    teamRows.push({ id: org.id, name: org.name, kind: "org", parentId: null });
    for (const group of org.groups) {
      teamRows.push({ id: group.id, name: group.name, kind: "group", parentId: org.id });
      for (const team of group.teams) {
        teamRows.push({ id: team.id, name: team.name, kind: "team", parentId: group.id, slackChannel: team.slack ?? null });
        const values = new Set([team.id, ...team.tagValues].map((value) => value.trim().toLowerCase()));
        for (const value of values) rules.push({ priority: 0, kind: "tag", tagValue: value, teamId: team.id, source: OWNERSHIP_FILE_SOURCE });
      }
    }
  }
  for (const account of ownership.accounts) {
    if (account.owner) rules.push({ priority: 0, kind: "account", accountId: account.id, teamId: account.owner, source: OWNERSHIP_FILE_SOURCE });
  }
  rules.forEach((rule, index) => (rule.priority = (index + 1) * 10));
  return { teams: teamRows, rules };
}

export async function applyOwnership(db: Db, ownership: Ownership): Promise<void> {
  const rows = ownershipRows(ownership);
  await db.transaction(async (tx) => {
    await tx.delete(ownershipRules).where(eq(ownershipRules.source, OWNERSHIP_FILE_SOURCE));
    await tx.delete(ownerTagKeys);
    await tx.insert(ownerTagKeys).values(ownership.ownerTagKeys.map((tagKey, position) => ({ tagKey, position })));
    // Parents before children, so the tree's foreign key holds at every insert.
    for (const team of rows.teams) {
      await tx
        .insert(teams)
        .values(team)
        .onConflictDoUpdate({ target: teams.id, set: { name: team.name, kind: team.kind, parentId: team.parentId, slackChannel: team.slackChannel ?? null, updatedAt: new Date() } });
    }
    // Teams that left the file stay: past attributed costs still name them.
    if (rows.rules.length > 0) await tx.insert(ownershipRules).values(rows.rules);
  });
}
