// The ranked table: each team's score and the components it is built from, with its badges.
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { useLeaderboard, type Leaderboard, type LeaderboardRow } from "../../api/use-leaderboard";
import { formatShare, formatShareChange, formatUsd } from "../../format/money";
import type { Measure } from "../../routing/measure";

type Key = keyof LeaderboardRow["components"];
const columns: { key: Key; label: string; show: (value: string) => string }[] = [
  { key: "unitCost", label: "Unit cost trend", show: (v) => formatShareChange(v) },
  { key: "growthGap", label: "Ops vs spend growth", show: (v) => formatShareChange(v) },
  { key: "budgetAdherence", label: "Off budget", show: (v) => formatShare(v) },
  { key: "tagHygiene", label: "Tag hygiene", show: (v) => formatShare(v) },
  { key: "nudgesResolved", label: "Nudges resolved", show: (v) => formatShare(v) },
];

function Note({ data }: { data: Leaderboard }) {
  const weights = columns.map((c) => `${c.label} ${Math.round(data.weights[c.key] * 100)}%`).join(", ");
  return (
    <>
      {data.month} ({data.current.complete ? "whole month" : `${data.current.days} billed days`}) against each team's own {data.baseline.from} – {data.baseline.to} baseline. Weights: {weights}; a
      component a team has no data for counts as neutral (0.5). A drop in spend counts only where its cost per operation fell too, and
      not where it moved to another team.
    </>
  );
}

export function LeaderboardCard({ month, measure }: { month?: string; measure: Measure }) {
  const query = useLeaderboard({ month, measure });
  return (
    <Card title="Leaderboard" note={query.data ? <Note data={query.data} /> : undefined} testId="leaderboard-card">
      <QueryState query={query} isEmpty={(d) => d.teams.length === 0} empty="No teams yet.">
        {(data) => (
          <div className="table-scroll">
            <table className="table leaderboard-table" data-testid="leaderboard-table">
              <thead>
                <tr>
                  <th className="num">Rank</th>
                  <th>Team</th>
                  <th className="num">Score</th>
                  {columns.map((c) => (
                    <th key={c.key} className="num">{c.label}</th>
                  ))}
                  <th className="num">Spend</th>
                  <th>Badges</th>
                </tr>
              </thead>
              <tbody>
                {data.teams.map((team) => (
                  <tr key={team.teamId} className="leaderboard-row" data-team-id={team.teamId}>
                    <td className="num" data-field="rank">{team.rank ?? "—"}</td>
                    <td>{team.name}</td>
                    <td className="num" data-field="score" data-value={team.score ?? ""}>{team.score ?? "—"}</td>
                    {columns.map((c) => {
                      const value = team.components[c.key];
                      return (
                        <td key={c.key} className="num" data-field={c.key} title={value ? `score ${value.score}` : "no data for this team: counts as neutral (0.5)"}>
                          {value ? c.show(value.value) : <span className="muted">—</span>}
                        </td>
                      );
                    })}
                    <td className="num">{formatUsd(team.currentCost)}</td>
                    <td data-field="badges">
                      {team.badges.map((b) => (
                        <span key={b.winId} className="win-badge" title={`Verified win: ${b.title} (${b.shippedOn})`}>★ {b.title}</span>
                      ))}
                    </td>
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
