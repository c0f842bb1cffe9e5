// Unowned dollars by account or by service: where to look first.
import { useOwnershipSummary } from "../../api/use-ownership-summary";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatUsd } from "../../format/money";
import type { OwnershipParams } from "./ownership-params";
import { ShareCell } from "./share-cell";

const copy = {
  account: { title: "No owner, by account", note: "Give an account an owner, or tag what runs in it.", column: "Account" },
  service: { title: "No owner, by service", note: "A service owner rule claims a service's untagged lines.", column: "Service" },
} as const;

export function UnattributedBreakdownCard({ params, dimension }: { params: OwnershipParams; dimension: "account" | "service" }) {
  const summary = useOwnershipSummary(params);
  const text = copy[dimension];
  return (
    <Card title={text.title} note={text.note} testId={`unattributed-by-${dimension}-card`}>
      <QueryState query={summary} height={160}>
        {(data) => {
          const rows = dimension === "account" ? data.unattributedByAccount : data.unattributedByService;
          if (rows.length === 0) return <p className="all-good">Every dollar in this period has an owner.</p>;
          const largest = rows[0]!.amount;
          return (
            <table className={`table ${summary.isPlaceholderData ? "stale" : ""}`} data-testid={`unattributed-by-${dimension}-table`}>
              <thead>
                <tr>
                  <th>{text.column}</th>
                  <th className="num">No owner</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key} data-key={row.key}>
                    <td>
                      <div className="nowrap">{row.label}</div>
                      {dimension === "account" ? <div className="muted mono small">{row.key}</div> : null}
                    </td>
                    <td className="num">
                      <span data-field="amount">{formatUsd(row.amount)}</span>
                      <ShareCell amount={row.amount} largest={largest} />
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
