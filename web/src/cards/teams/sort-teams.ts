// Orders team rows by a column; money compares exactly as decimal strings. Unattributed always goes last.
import type { TeamRow } from "../../api/use-teams";
import { compareDecimal } from "../../format/compare-decimal";
import { UNATTRIBUTED_TEAM_ID } from "./unattributed";

export type TeamSortKey = "name" | "groupName" | "orgName" | "monthToDate" | "previousMonthToDate" | "changeAmount" | "changeRatio" | "lastMonth";
export interface TeamSort {
  key: TeamSortKey;
  direction: "asc" | "desc";
}

function compareText(a: string | null, b: string | null): number {
  return (a ?? "").localeCompare(b ?? "");
}

function compareNullableDecimal(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareDecimal(a, b);
}

const comparators: Record<TeamSortKey, (a: TeamRow, b: TeamRow) => number> = {
  name: (a, b) => compareText(a.name, b.name),
  groupName: (a, b) => compareText(a.groupName, b.groupName),
  orgName: (a, b) => compareText(a.orgName, b.orgName),
  monthToDate: (a, b) => compareDecimal(a.monthToDate, b.monthToDate),
  previousMonthToDate: (a, b) => compareDecimal(a.previousMonthToDate, b.previousMonthToDate),
  changeAmount: (a, b) => compareDecimal(a.change.amount, b.change.amount),
  changeRatio: (a, b) => compareNullableDecimal(a.change.ratio, b.change.ratio),
  lastMonth: (a, b) => compareDecimal(a.lastMonth, b.lastMonth),
};

export function sortTeams(rows: readonly TeamRow[], sort: TeamSort): { teams: TeamRow[]; unattributed: TeamRow | undefined } {
  const sign = sort.direction === "asc" ? 1 : -1;
  const teams = rows
    .filter((row) => row.id !== UNATTRIBUTED_TEAM_ID)
    .sort((a, b) => sign * comparators[sort.key](a, b) || a.name.localeCompare(b.name));
  return { teams, unattributed: rows.find((row) => row.id === UNATTRIBUTED_TEAM_ID) };
}
