// Budgets as stored per team-month, the org tree valid on a day (for roll-ups), the approvals and
// the audit trail.
import { and, desc, eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { budgetApprovals, budgetAudit, teamBudgets } from "../schema";

export interface TeamBudget {
  teamId: string;
  budgetUsd: string;
  source: string;
  updatedAt: string;
  updatedBy: string;
}

const monthDate = (month: string) => `${month}-01`;

export async function listTeamBudgets(db: DbOrTx, month: string): Promise<TeamBudget[]> {
  const rows = await db.select().from(teamBudgets).where(eq(teamBudgets.month, monthDate(month))).orderBy(teamBudgets.teamId);
  return rows.map((b) => ({ teamId: b.teamId, budgetUsd: b.budgetUsd, source: b.source, updatedAt: b.updatedAt.toISOString(), updatedBy: b.updatedBy }));
}

export async function getTeamBudget(db: DbOrTx, month: string, teamId: string): Promise<TeamBudget | null> {
  return (await listTeamBudgets(db, month)).find((b) => b.teamId === teamId) ?? null;
}

export interface TreeEdge {
  childId: string;
  parentId: string;
  parentName: string;
  parentKind: "group" | "org";
}

/** The org tree's edges valid on `asOf` (a reorg moves budgets and spend only from its date). */
export async function getTreeAsOf(db: DbOrTx, asOf: string): Promise<TreeEdge[]> {
  return queryRows<TreeEdge>(
    db,
    sql`select tp.child_id as "childId", tp.parent_id as "parentId", p.name as "parentName", p.kind::text as "parentKind"
        from team_parents tp join teams p on p.id = tp.parent_id
        where tp.valid_from <= ${asOf}::date and (tp.valid_to is null or ${asOf}::date < tp.valid_to) and p.kind in ('group', 'org')`,
  );
}

export interface TeamOfMonth {
  teamId: string;
  name: string;
  groupId: string | null;
  groupName: string | null;
}

/** Every team (not the unattributed bucket) with its group as the tree stood on `asOf`. */
export async function listTeamsAsOf(db: DbOrTx, asOf: string): Promise<TeamOfMonth[]> {
  return queryRows<TeamOfMonth>(
    db,
    sql`select t.id as "teamId", t.name, g.id as "groupId", g.name as "groupName" from teams t
        left join team_parents tp on tp.child_id = t.id and tp.valid_from <= ${asOf}::date and (tp.valid_to is null or ${asOf}::date < tp.valid_to)
        left join teams g on g.id = tp.parent_id
        where t.kind = 'team' and t.id <> 'unattributed' order by t.id`,
  );
}

export async function listApprovals(db: DbOrTx, month: string, teamId?: string) {
  const where = teamId ? and(eq(budgetApprovals.month, monthDate(month)), eq(budgetApprovals.teamId, teamId)) : eq(budgetApprovals.month, monthDate(month));
  const rows = await db.select().from(budgetApprovals).where(where).orderBy(desc(budgetApprovals.at), desc(budgetApprovals.id));
  return rows.map((a) => ({ ...a, month: a.month.slice(0, 7), at: a.at.toISOString() }));
}
export type BudgetApproval = Awaited<ReturnType<typeof listApprovals>>[number];

export async function listBudgetAudit(db: DbOrTx, options: { month?: string; teamId?: string; limit: number }) {
  const conditions = [options.month ? eq(budgetAudit.month, monthDate(options.month)) : undefined, options.teamId ? eq(budgetAudit.teamId, options.teamId) : undefined];
  const rows = await db
    .select()
    .from(budgetAudit)
    .where(and(...conditions.filter((c) => c !== undefined)))
    .orderBy(desc(budgetAudit.at), desc(budgetAudit.id))
    .limit(options.limit);
  return rows.map((a) => ({ ...a, month: a.month.slice(0, 7), at: a.at.toISOString() }));
}
