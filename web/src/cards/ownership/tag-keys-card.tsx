// Which spellings of the owner tag appear on line items, and whether attribution reads them.
import { useOwnershipSummary } from "../../api/use-ownership-summary";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatUsd } from "../../format/money";
import type { OwnershipParams } from "./ownership-params";
import { DataTable, num } from "../../components/data-table";

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
          <DataTable columns={["Tag key", "Read by attribution", num("Dollars"), num("Lines")]} className={summary.isPlaceholderData ? "stale" : undefined} testId="tag-keys-table">
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
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}
