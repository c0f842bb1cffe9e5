// Drill-down per team: cost, its own operations and unit cost (vs last month), engineers and
// overhead per engineer, and what the team costs in engineer-equivalents.
import { useTeamEfficiency, type TeamEfficiency } from "../../api/use-efficiency";
import { useMeasure } from "../../routing/measure";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { Link } from "../../routing/link";
import { paths } from "../../routing/routes";
import { formatShareChange, formatUsd, formatUsdWhole, signOf } from "../../format/money";
import { formatMonth } from "../../format/dates";
import { CsvDownload } from "./csv-download";

type Team = TeamEfficiency["teams"][number];
const count = new Intl.NumberFormat("en-US");

function UnitCostCell({ team }: { team: Team }) {
  if (team.unitCost === null) return <span className="muted">{team.metric ? "too little volume" : "no operations"}</span>;
  return (
    <>
      {formatUsd(team.unitCost)}
      {team.unitCostChange ? <span className={`small ${signOf(team.unitCostChange.amount) > 0 ? "change-up" : "change-down"}`}> {formatShareChange(team.unitCostChange.ratio)}</span> : null}
    </>
  );
}

export function TeamEfficiencyCard() {
  const [measure] = useMeasure();
  const query = useTeamEfficiency({ measure });
  const month = query.data?.month;
  return (
    <Card
      title="By team"
      note={month ? `${formatMonth(month)}: production cost per ${count.format(query.data!.n)} of each team's own operations, and overhead per engineer.` : undefined}
      actions={<CsvDownload table="teams" params={{ measure }} />}
      testId="team-efficiency"
    >
      <QueryState query={query} isEmpty={(d) => d.teams.length === 0}>
        {(data) => (
          <div className="table-scroll">
            <table className="table table-compact" data-testid="team-efficiency-table">
              <thead>
                <tr>
                  <th>Team</th>
                  <th className="num">Cost</th>
                  <th>Operations</th>
                  <th className="num">Unit cost</th>
                  <th className="num">Engineers</th>
                  <th className="num">Overhead / engineer</th>
                  <th className="num" title={`Loaded cost ${formatUsdWhole(data.loadedEngineerCostPerYear ?? "0")} a year`}>In engineers</th>
                </tr>
              </thead>
              <tbody>
                {data.teams.map((team) => (
                  <tr key={team.teamId} data-team-id={team.teamId} className={team.teamId === "unattributed" ? "row-unattributed" : undefined}>
                    <td>
                      <Link to={paths.team(team.teamId)} className="team-link">{team.name}</Link>
                    </td>
                    <td className="num" data-field="cost">{formatUsd(team.totalCost)}</td>
                    <td className="secondary">{team.metric ? `${count.format(Number(team.operations))} ${team.metric.replaceAll("_", " ")}` : "—"}</td>
                    <td className="num" data-field="unit-cost"><UnitCostCell team={team} /></td>
                    <td className="num">{team.engineers ?? "—"}</td>
                    <td className="num" data-field="overhead">{team.overheadPerEngineer === null ? "—" : formatUsd(team.overheadPerEngineer)}</td>
                    <td className="num">{team.costInEngineers ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </Card>
  );
}
