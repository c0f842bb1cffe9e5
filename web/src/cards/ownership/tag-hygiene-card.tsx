// Owner-tag values that name no team: spend someone meant to claim. Each can become a tag rule.
import { useOwnershipSummary } from "../../api/use-ownership-summary";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatUsd } from "../../format/money";
import type { OwnershipParams } from "./ownership-params";
import { ShareCell } from "./share-cell";
import { Can } from "../../session/session";

export function TagHygieneCard({ params, onMapValue }: { params: OwnershipParams; onMapValue: (value: string) => void }) {
  const summary = useOwnershipSummary(params);
  return (
    <Card title="Tag hygiene: owner tags that name no team" note="Values of the owner tags that no rule maps to a team (lower-cased). Map one to its team to claim its spend." testId="tag-hygiene-card">
      <QueryState query={summary} height={160}>
        {(data) => {
          if (data.unclaimedTagValues.length === 0) return <p className="all-good">Every owner-tag value in this period names a team.</p>;
          const largest = data.unclaimedTagValues[0]!.amount;
          return (
            <table className={`table ${summary.isPlaceholderData ? "stale" : ""}`} data-testid="unclaimed-tags-table">
              <thead>
                <tr>
                  <th>Tag value</th>
                  <th className="num">Dollars</th>
                  <th className="num">Lines</th>
                  <th aria-label="Action" />
                </tr>
              </thead>
              <tbody>
                {data.unclaimedTagValues.map((row) => (
                  <tr key={row.value} data-value={row.value}>
                    <td><span className="tag-chip">{row.value}</span></td>
                    <td className="num">
                      <span data-field="amount">{formatUsd(row.amount)}</span>
                      <ShareCell amount={row.amount} largest={largest} />
                    </td>
                    <td className="num">{row.lines.toLocaleString("en-US")}</td>
                    <td className="num">
                      <Can need="admin">
                        <button type="button" className="button button-small" onClick={() => onMapValue(row.value)} data-testid="map-tag-value">
                          Map to a team…
                        </button>
                      </Can>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </QueryState>
    </Card>
  );
}
