// Team figures summed up to groups and orgs through the org tree valid that month. Pure.
import Decimal from "decimal.js";
import type { TreeEdge } from "../../db/queries/budget-reads";

export interface TeamFigures {
  teamId: string;
  budgetUsd: string | null;
  actualToDate: string;
  forecast: string | null;
}

export interface UnitFigures {
  id: string;
  name: string;
  kind: "group" | "org";
  parentId: string | null;
  teams: number;
  /** Sums over the unit's teams; null when none of them has the figure. */
  budgetUsd: string | null;
  actualToDate: string;
  forecast: string | null;
}

const addOptional = (sum: string | null, value: string | null) => (value === null ? sum : new Decimal(sum ?? 0).plus(value).toFixed(2));

export function rollUpToUnits(teams: readonly TeamFigures[], tree: readonly TreeEdge[]): UnitFigures[] {
  const parentOf = new Map(tree.map((edge) => [edge.childId, edge]));
  const units = new Map<string, UnitFigures>();
  for (const team of teams) {
    const seen = new Set<string>();
    for (let edge = parentOf.get(team.teamId); edge && !seen.has(edge.parentId); edge = parentOf.get(edge.parentId)) {
      seen.add(edge.parentId); // a cycle in a hand-edited tree must not loop forever
      const unit = units.get(edge.parentId) ?? {
        id: edge.parentId,
        name: edge.parentName,
        kind: edge.parentKind,
        parentId: parentOf.get(edge.parentId)?.parentId ?? null,
        teams: 0,
        budgetUsd: null,
        actualToDate: "0.00",
        forecast: null,
      };
      unit.teams += 1;
      unit.budgetUsd = addOptional(unit.budgetUsd, team.budgetUsd);
      unit.actualToDate = new Decimal(unit.actualToDate).plus(team.actualToDate).toFixed(2);
      unit.forecast = addOptional(unit.forecast, team.forecast);
      units.set(edge.parentId, unit);
    }
  }
  return [...units.values()].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "org" ? -1 : 1));
}
