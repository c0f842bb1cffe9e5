// Saved estimates and, once launched, the gap between each and its team's attributed cost.
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { useSavedEstimates, type SavedEstimate } from "../../api/use-estimates";
import { formatShareChange, formatUsdChange, formatUsdWhole } from "../../format/money";
import type { Measure } from "../../routing/measure";
import { DataTable, num } from "../../components/data-table";

function Comparison({ comparison }: { comparison: SavedEstimate["comparison"] }) {
  if (comparison.status === "no-team") return <span className="muted">No owning team named</span>;
  if (comparison.status === "not-launched") return <span className="muted">Not launched yet</span>;
  if (comparison.status === "no-estimate") return <span className="muted">No estimate to compare</span>;
  return (
    <ul className="estimate-gaps">
      {comparison.months.map((m) => (
        <li key={m.month} data-month={m.month} data-gap={m.gap}>
          {m.month}: actual {formatUsdWhole(m.actual)}, {formatUsdChange(m.gap)} ({formatShareChange(m.gapRatio)}){m.withinRange ? "" : ", outside the range"}
        </li>
      ))}
    </ul>
  );
}

export function SavedEstimatesCard({ measure }: { measure: Measure }) {
  const saved = useSavedEstimates({ measure });
  return (
    <Card title="Saved estimates" note="After launch, each month's attributed cost of the owning team against the estimate." testId="saved-estimates">
      <QueryState query={saved} isEmpty={(d) => d.estimates.length === 0} empty="No estimate saved yet.">
        {({ estimates }) => (
          <DataTable columns={["Service", num("Estimate / month"), "Owner, launch", "Actual vs estimate"]} testId="saved-estimates-table">
            {estimates.map((e) => (
              <tr key={e.id} className="saved-estimate-row" data-estimate-id={e.id}>
                <td>{e.title}</td>
                <td className="num">{e.estimate.monthlyCost ? formatUsdWhole(e.estimate.monthlyCost) : "n/a"}</td>
                <td className="muted">{[e.teamId ?? "no team", e.launchMonth ?? "no date"].join(", ")}</td>
                <td data-testid="estimate-comparison" data-status={e.comparison.status}>
                  <Comparison comparison={e.comparison} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}
