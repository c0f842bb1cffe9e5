// Which teams a scope covers: the team itself, or the teams under a group or org as the tree stood
// on the period's last billed day (the day the budget review reads the tree on).
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { teams } from "../../db/schema";
import { getTreeAsOf, type TreeEdge } from "../../db/queries/budget-reads";
import { ReviewInputError, type ReviewScope } from "../../db/domain/review-period";

export interface ResolvedScope extends ReviewScope {
  name: string;
  /** Empty for the company: every team, the unattributed bucket included. */
  teamIds: string[];
}

/** Teams under `unitId` through the edges (two levels at most: org -> group -> team). Pure. */
export function teamsUnder(unitId: string, edges: readonly TreeEdge[], teamIds: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  const visit = (id: string, depth: number) => {
    for (const edge of edges) {
      if (edge.parentId !== id) continue;
      if (teamIds.has(edge.childId)) found.add(edge.childId);
      else if (depth < 3) visit(edge.childId, depth + 1);
    }
  };
  visit(unitId, 0);
  return [...found].sort();
}

export async function resolveScope(db: DbOrTx, scope: ReviewScope, asOf: string): Promise<ResolvedScope> {
  if (scope.kind === "company" || scope.id === null) return { kind: "company", id: null, name: "Company", teamIds: [] };
  const [unit] = await db.select({ id: teams.id, name: teams.name, kind: teams.kind }).from(teams).where(eq(teams.id, scope.id));
  if (!unit || unit.kind !== scope.kind) throw new ReviewInputError("scope", `no ${scope.kind} "${scope.id}"`, true);
  if (scope.kind === "team") return { ...scope, name: unit.name, teamIds: [unit.id] };
  const allTeams = await db.select({ id: teams.id }).from(teams).where(eq(teams.kind, "team"));
  const teamIds = teamsUnder(unit.id, await getTreeAsOf(db, asOf), new Set(allTeams.map((t) => t.id)));
  return { ...scope, name: unit.name, teamIds };
}
