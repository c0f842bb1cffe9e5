// Every team with a budget or spend, largest overrun first; a row opens onto what moved, the team's
// nudges, the approval (for flagged teams) and the budget editor.
import { Fragment, useState } from "react";
import type { BudgetReview, BudgetReviewRow } from "../../api/use-budgets";
import { Card } from "../../components/card";
import { formatShare, formatShareChange, formatUsd, formatUsdChange, signOf } from "../../format/money";
import { BudgetBar } from "./budget-bar";
import { BudgetStatusBadge } from "./budget-status";
import { BudgetTeamDetail } from "./budget-team-detail";


export function BudgetReviewTable({ review }: { review: BudgetReview }) {
  const [open, setOpen] = useState<string | null>(null);
  const toggle = (teamId: string) => setOpen((current) => (current === teamId ? null : teamId));
  return (
    <Card title="Teams by variance" note={`${review.complete ? "Spend" : "Forecast"} minus budget, largest overrun first. Over ${formatShare(review.threshold)} needs an approval. Open a row for what moved.`} testId="budget-review">
      <div className="table-scroll">
        <table className="table budget-table" data-testid="budget-review-table">
          <thead>
            <tr>
              <th>Team</th>
              <th className="num">Budget</th>
              <th className="num">{review.complete ? "Spent" : "Spent so far"}</th>
              {review.complete ? null : <th className="num">Forecast</th>}
              <th className="num">Variance</th>
              <th className="num">Variance %</th>
              <th className="budget-bar-cell">Against budget</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {review.teams.map((row) => (
              <Fragment key={row.teamId}>
                <TeamRow row={row} review={review} expanded={open === row.teamId} onToggle={() => toggle(row.teamId)} />
                {open === row.teamId ? (
                  <tr className="budget-detail-row">
                    <td colSpan={review.complete ? 7 : 8}>
                      <BudgetTeamDetail row={row} review={review} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function TeamRow({ row, review, expanded, onToggle }: { row: BudgetReviewRow; review: BudgetReview; expanded: boolean; onToggle: () => void }) {
  const tone = row.varianceUsd === null ? "" : signOf(row.varianceUsd) > 0 ? "change-up" : "change-down";
  return (
    <tr className={`budget-row ${row.needsApproval ? "budget-row-over" : ""} ${expanded ? "budget-row-open" : ""}`} data-team-id={row.teamId} onClick={onToggle}>
      <td>
        <button type="button" className="budget-expand" aria-expanded={expanded} onClick={(e) => (e.stopPropagation(), onToggle())}>
          <span aria-hidden="true">{expanded ? "▾" : "▸"}</span> {row.name}
        </button>
        <div className="secondary budget-group-label">{row.groupName ?? ""}</div>
      </td>
      <td className="num" data-field="budget">{row.budgetUsd === null ? "—" : formatUsd(row.budgetUsd)}</td>
      <td className="num" data-field="actual">{formatUsd(row.actualToDate)}</td>
      {review.complete ? null : (
        <td className="num" data-field="forecast">
          {row.forecast === null ? "—" : formatUsd(row.forecast)}
          {row.low !== null && row.high !== null ? <div className="secondary budget-range">{formatUsd(row.low)} – {formatUsd(row.high)}</div> : null}
        </td>
      )}
      <td className={`num ${tone}`} data-field="variance" data-value={row.varianceUsd ?? ""}>{row.varianceUsd === null ? "—" : formatUsdChange(row.varianceUsd)}</td>
      <td className={`num ${tone}`} data-field="variance-ratio" data-value={row.varianceRatio ?? ""}>
        {row.varianceRatio === null ? (row.varianceUsd === null ? "—" : <span title="The budget is zero: no ratio">no ratio</span>) : formatShareChange(row.varianceRatio)}
      </td>
      <td className="budget-bar-cell">
        <BudgetBar actual={row.actualToDate} forecast={row.forecast} low={row.low} high={row.high} budget={row.budgetUsd} threshold={review.threshold} over={row.needsApproval} />
      </td>
      <td>
        <BudgetStatusBadge row={row} />
      </td>
    </tr>
  );
}
