// Every team's spend this month so far against the same days last month; unattributed as its own row.
import { useState } from "react";
import { useTeams, type TeamRow } from "../../api/use-teams";
import { useMeasure } from "../../routing/measure";
import { paths } from "../../routing/routes";
import { Link } from "../../routing/link";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatShareChange, formatUsd, formatUsdChange, signOf } from "../../format/money";
import { formatDay, formatMonth } from "../../format/dates";
import { sortTeams, type TeamSort, type TeamSortKey } from "./sort-teams";

const columns: { key: TeamSortKey; label: string; numeric?: boolean }[] = [
  { key: "name", label: "Team" },
  { key: "groupName", label: "Group" },
  { key: "orgName", label: "Org" },
  { key: "monthToDate", label: "Month to date", numeric: true },
  { key: "previousMonthToDate", label: "Same days last month", numeric: true },
  { key: "changeAmount", label: "Change", numeric: true },
  { key: "changeRatio", label: "Change %", numeric: true },
  { key: "lastMonth", label: "Last month", numeric: true },
];

function changeClass(amount: string): string {
  const sign = signOf(amount);
  return sign > 0 ? "change-up" : sign < 0 ? "change-down" : "";
}

function SpendCells({ row }: { row: TeamRow }) {
  return (
    <>
      <td className="num">{formatUsd(row.monthToDate)}</td>
      <td className="num">{formatUsd(row.previousMonthToDate)}</td>
      <td className={`num ${changeClass(row.change.amount)}`}>{formatUsdChange(row.change.amount)}</td>
      <td className={`num ${changeClass(row.change.amount)}`}>{formatShareChange(row.change.ratio)}</td>
      <td className="num">{formatUsd(row.lastMonth)}</td>
    </>
  );
}

export function TeamsTableCard() {
  const [measure] = useMeasure();
  const teams = useTeams({ measure });
  const [sort, setSort] = useState<TeamSort>({ key: "monthToDate", direction: "desc" });
  const toggle = (key: TeamSortKey, numeric?: boolean) =>
    setSort((current) => (current.key === key ? { key, direction: current.direction === "asc" ? "desc" : "asc" } : { key, direction: numeric ? "desc" : "asc" }));
  const data = teams.data;
  const note =
    data && "month" in data && data.month && data.lastCompleteBillingDay
      ? `${formatMonth(data.month)} through ${formatDay(data.lastCompleteBillingDay)}, against the same days of ${formatMonth(data.lastMonth)}. Rising spend is red.`
      : "This month so far against the same days last month.";
  return (
    <Card title="Teams" note={note} testId="teams-card">
      <QueryState query={teams} isEmpty={(d) => d.lastCompleteBillingDay === null || d.teams.length === 0}>
        {(d) => {
          const { teams: rows, unattributed } = sortTeams(d.teams, sort);
          return (
            <div className="table-scroll">
              <table className="table" data-testid="teams-table">
                <thead>
                  <tr>
                    {columns.map((column) => (
                      <th key={column.key} className={column.numeric ? "num" : undefined} aria-sort={sort.key === column.key ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}>
                        <button type="button" className="sort-button" onClick={() => toggle(column.key, column.numeric)}>
                          {column.label}
                          <span className="sort-arrow" aria-hidden="true">{sort.key === column.key ? (sort.direction === "asc" ? "▲" : "▼") : ""}</span>
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id} data-team-id={row.id}>
                      <td>
                        <Link to={paths.team(row.id)} className="team-link nowrap">{row.name}</Link>
                      </td>
                      <td className="secondary">{row.groupName ?? "—"}</td>
                      <td className="secondary">{row.orgName ?? "—"}</td>
                      <SpendCells row={row} />
                    </tr>
                  ))}
                </tbody>
                {unattributed ? (
                  <tfoot>
                    <tr className="row-unattributed" data-team-id={unattributed.id}>
                      <td colSpan={3}>
                        <Link to={paths.team(unattributed.id)} className="team-link">Unattributed</Link>
                        <span className="badge badge-warning">no owner</span>
                      </td>
                      <SpendCells row={unattributed} />
                    </tr>
                  </tfoot>
                ) : null}
              </table>
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}
