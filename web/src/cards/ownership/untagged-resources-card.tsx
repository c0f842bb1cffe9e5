// Resources the Tagging API lists without any owner tag, costliest first where the bill names them.
import { useState } from "react";
import { useOwnershipSummary } from "../../api/use-ownership-summary";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatUsd } from "../../format/money";
import type { OwnershipParams } from "./ownership-params";
import { DataTable, num } from "../../components/data-table";

const SHOWN = 10;

export function UntaggedResourcesCard({ params }: { params: OwnershipParams }) {
  const summary = useOwnershipSummary(params);
  const count = summary.data?.untaggedResources.count;
  const [showAll, setShowAll] = useState(false);
  return (
    <Card
      title="Largest untagged resources"
      note={
        summary.data?.untaggedResources.largestFrom === "unavailable"
          ? `The export could not be asked for its untagged resources (${summary.data.untaggedResources.error ?? "no reason given"}).`
          : summary.data && summary.data.untaggedResources.largestFrom !== "line items"
          ? `From the export (asked of ${summary.data.untaggedResources.largestFrom === "athena" ? "Athena" : "DuckDB"}): resources whose lines carry no owner tag, costliest first.`
          : "From the Resource Groups Tagging API: resources with no owner tag. Cost shows where line items carry the resource id (Cost Explorer lines do not)."
      }
      actions={count !== undefined ? <span className="count-badge" data-testid="untagged-count">{count.toLocaleString("en-US")} untagged</span> : null}
      testId="untagged-resources-card"
    >
      <QueryState query={summary} height={160}>
        {(data) =>
          data.untaggedResources.largestFrom === "unavailable" ? (
            <p className="muted" data-testid="untagged-unavailable">Not available now: the export's engine did not answer. The rest of the page is unaffected.</p>
          ) : data.untaggedResources.largest.length === 0 ? (
            <p className="all-good">Every resource the Tagging API lists carries an owner tag.</p>
          ) : (
            <div className="table-scroll">
              <DataTable columns={["Resource (ARN)", "Account", "Region", "Type", num("Cost in period")]} className={summary.isPlaceholderData ? "stale" : undefined} testId="untagged-resources-table">
                {data.untaggedResources.largest.slice(0, showAll ? undefined : SHOWN).map((row) => (
                  <tr key={row.arn}>
                    <td className="mono arn" title={row.arn}>{row.arn}</td>
                    <td className="mono small">{row.accountId}</td>
                    <td className="nowrap">{row.region || <span className="muted">global</span>}</td>
                    <td className="nowrap">{row.service}<span className="muted"> / {row.resourceType}</span></td>
                    <td className="num">{row.amount === null ? <span className="muted" title="No line item in the period names this resource">unknown</span> : formatUsd(row.amount)}</td>
                  </tr>
                ))}
              </DataTable>
              {data.untaggedResources.largest.length > SHOWN ? (
                <button type="button" className="button-link table-more" onClick={() => setShowAll(!showAll)}>
                  {showAll ? "Show fewer" : `Show all ${data.untaggedResources.largest.length} of the largest`}
                </button>
              ) : null}
            </div>
          )
        }
      </QueryState>
    </Card>
  );
}
