// Which spellings of the owner tag appear on line items, and whether attribution reads them.
import { useOwnershipSummary } from "../../api/use-ownership-summary";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatUsd } from "../../format/money";
import type { OwnershipParams } from "./ownership-params";

export function TagKeysCard({ params }: { params: OwnershipParams }) {
  const summary = useOwnershipSummary(params);
  return (
    <Card
      title="Owner-tag keys seen"
      note="Spellings of an owner tag on this period's lines. One that is not configured is ignored by attribution: add it to ownerTagKeys, or fix the tags."
      testId="tag-keys-card"
    >
      <QueryState query={summary} height={160} isEmpty={(data) => data.tagKeysSeen.length === 0} empty="No line in this period carries an owner tag.">
        {(data) => (
          <table className={`table ${summary.isPlaceholderData ? "stale" : ""}`} data-testid="tag-keys-table">
            <thead>
              <tr>
                <th>Tag key</th>
                <th>Read by attribution</th>
                <th className="num">Dollars</th>
                <th className="num">Lines</th>
              </tr>
            </thead>
            <tbody>
              {data.tagKeysSeen.map((row) => (
                <tr key={row.tagKey} data-key={row.tagKey}>
                  <td><span className="mono">{row.tagKey}</span></td>
                  <td>
                    {row.configured ? <span className="pill pill-ok">configured</span> : <span className="pill pill-warning">not configured</span>}
                  </td>
                  <td className="num">{formatUsd(row.amount)}</td>
                  <td className="num">{row.lines.toLocaleString("en-US")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </Card>
  );
}
