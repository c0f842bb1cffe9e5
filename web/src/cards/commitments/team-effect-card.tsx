// Per team: what commitments do to its amortized cost and unit cost, and the unused commitment
// the shared-cost rules put on it (shown, not hidden).
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { useTeamCommitments } from "../../api/use-commitments";
import { formatUsd, formatUsdChange } from "../../format/money";
import { DataTable, num } from "../../components/data-table";

export function TeamEffectCard() {
  const query = useTeamCommitments({});
  return (
    <Card
      title="Commitments per team"
      note={query.data ? `${query.data.month}, amortized. Covered usage valued on demand at the observed rate ${query.data.rate} (${query.data.rateSource}); unit cost per 10,000 of the team's main operation, all environments.` : undefined}
      testId="team-effect-card"
    >
      <QueryState query={query} isEmpty={(d) => d.teams.length === 0} empty="No team's usage was covered by a commitment that month.">
        {(data) => (
          <DataTable columns={["Team", num("Amortized cost"), num("Without commitments"), num("Saved on covered usage"), num("Unused commitment carried"), num("Net"), num("Unit cost (without)")]} testId="team-effect-table" scroll>
            {data.teams.map((t) => (
              <tr key={t.teamId} data-team-id={t.teamId}>
                <td>{t.name}</td>
                <td className="num">{formatUsd(t.amortized)}</td>
                <td className="num">{formatUsd(t.withoutCommitments)}</td>
                <td className="num">{formatUsd(t.savings)}</td>
                <td className="num" data-field="unused" title={Object.entries(t.unusedBy).map(([how, amount]) => `${how === "split" ? "shared-cost pool" : how}: ${amount}`).join(", ")}>
                  {formatUsd(t.unusedCommitment)}
                </td>
                <td className="num">{formatUsdChange(t.netBenefit)}</td>
                <td className="num">{t.unitCost ? `${formatUsd(t.unitCost)} (${formatUsd(t.unitCostWithoutCommitments ?? "0")})` : "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}
