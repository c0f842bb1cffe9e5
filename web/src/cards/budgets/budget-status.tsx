// The over-budget rule's verdict for a row, as a badge.
import type { BudgetReviewRow } from "../../api/use-budgets";

const labels: Record<BudgetReviewRow["status"], string> = {
  "over-needs-approval": "Needs approval",
  "over-approved": "Approved",
  within: "Within budget",
  "no-budget": "No budget",
  "no-forecast": "Too early to tell",
};

export function BudgetStatusBadge({ row }: { row: Pick<BudgetReviewRow, "status" | "approval"> }) {
  const title = row.approval ? `Approved by ${row.approval.actor}: ${row.approval.reason}` : undefined;
  return (
    <span className={`badge budget-status budget-status-${row.status}`} title={title} data-testid="budget-status">
      {labels[row.status]}
    </span>
  );
}
