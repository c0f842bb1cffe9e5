// Wins: each recorded change with expected vs realized monthly savings and its status, and the form to record one.
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { useWins, type Win } from "../../api/use-leaderboard";
import { formatShare, formatUsd } from "../../format/money";
import type { Measure } from "../../routing/measure";
import { RecordWinForm } from "./record-win-form";
import { Can } from "../../session/session";
import { DataTable, num } from "../../components/data-table";

const statusLabel = { measuring: "Measuring", verified: "Verified", "not-verified": "Not verified" } as const;

function Realized({ win }: { win: Win }) {
  const m = win.measurement;
  if (m.realizedMonthlySavings === null) return <span className="muted">{m.daysMeasured} of 28 days billed</span>;
  return (
    <>
      {formatUsd(m.realizedMonthlySavings)}
      {m.realizedShare !== null ? <span className="muted"> ({formatShare(m.realizedShare)})</span> : null}
    </>
  );
}

export function WinsCard({ measure }: { measure: Measure }) {
  const query = useWins({ measure });
  return (
    <Card
      title="Wins"
      testId="wins-card"
      note="Realized = the team's cost in the 28 days from shipping vs the 28 days before, per operation when the team reports operations. Under 50% of the expected savings: not verified."
    >
      <Can need="editor"><RecordWinForm measure={measure} /></Can>
      <QueryState query={query} isEmpty={(d) => d.wins.length === 0} empty="No wins recorded yet.">
        {(data) => (
          <DataTable columns={["Team", "What", "Shipped", "Scope", num("Expected / month"), num("Realized / month"), "Status"]} className="wins-table" testId="wins-table">
            {data.wins.map((win) => (
              <tr key={win.id} className="win-row" data-win-id={win.id}>
                <td>{win.teamId}</td>
                <td>{win.title}</td>
                <td>{win.shippedOn}</td>
                <td className="muted">{[win.service, win.accountId].filter(Boolean).join(" · ") || "whole team"}</td>
                <td className="num">{formatUsd(win.expectedMonthlySavingsUsd)}</td>
                <td className="num" data-field="realized" data-value={win.measurement.realizedMonthlySavings ?? ""}>
                  <Realized win={win} />
                </td>
                <td>
                  <span className={`win-status win-status-${win.measurement.status}`} data-testid="win-status">
                    {win.badge ? "★ " : ""}
                    {statusLabel[win.measurement.status]}
                  </span>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}
