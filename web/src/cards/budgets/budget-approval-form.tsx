// Sign-off for a team forecast past the threshold: who approves and why, recorded with the figures.
import { useState } from "react";
import type { BudgetReview, BudgetReviewRow } from "../../api/use-budgets";
import { useApproveOverrun } from "../../api/use-budgets";
import { useActor } from "../ownership/use-actor";
import { formatShare, formatUsdChange } from "../../format/money";
import { useSession } from "../../session/session";

export function BudgetApprovalForm({ row, review }: { row: BudgetReviewRow; review: BudgetReview }) {
  const [actor, setActor] = useActor();
  const open = useSession().mode === "open";
  const [reason, setReason] = useState("");
  const approve = useApproveOverrun();
  const submit = () => approve.mutate({ month: review.month, teamId: row.teamId, reason, measure: review.measure, threshold: review.threshold, actor });
  return (
    <form className="budget-form" data-testid="budget-approval-form" onSubmit={(e) => (e.preventDefault(), submit())}>
      <p className="budget-form-lead">
        Forecast runs {row.varianceUsd ? formatUsdChange(row.varianceUsd) : ""} over budget, past the {formatShare(review.threshold)} line: approve the overrun?
      </p>
      {open ? (
        <label>
          <span>Approved by</span>
          <input value={actor} onChange={(e) => setActor(e.target.value)} placeholder="your name" required data-testid="budget-approval-actor" />
        </label>
      ) : null}
      <label>
        <span>Reason</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. peak season, planned migration" required minLength={3} data-testid="budget-approval-reason" />
      </label>
      <button type="submit" className="button button-primary" disabled={approve.isPending || reason.trim().length < 3 || !actor.trim()} data-testid="budget-approve">
        {approve.isPending ? "Recording…" : "Approve overrun"}
      </button>
      {approve.isError ? <p className="state-error" role="alert">{approve.error.message}</p> : null}
    </form>
  );
}
