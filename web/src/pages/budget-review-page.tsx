// Budget review: the monthly meeting's page. Every team's month-end forecast against its budget,
// largest overrun first; teams past the threshold need an approval, recorded here.
import { useMeasure } from "../routing/measure";
import { BUDGET_THRESHOLDS, reviewableMonths, useBudgetReviewParams } from "../routing/budget-review-params";
import { useBudgetReview } from "../api/use-budgets";
import { PageHeader } from "../components/page-header";
import { QueryState } from "../components/query-state";
import { formatMonth } from "../format/dates";
import { formatShare } from "../format/money";
import { BudgetSummaryCard } from "../cards/budgets/budget-summary-card";
import { BudgetReviewTable } from "../cards/budgets/budget-review-table";
import { BudgetAuditCard } from "../cards/budgets/budget-audit-card";
import "../budget-review.css";

export function BudgetReviewPage() {
  const [measure] = useMeasure();
  const { month, threshold, setMonth, setThreshold } = useBudgetReviewParams();
  const review = useBudgetReview({ month, measure, threshold });
  const newest = review.data?.lastCompleteBillingDay?.slice(0, 7) ?? review.data?.month;
  return (
    <>
      <PageHeader title="Budget review" subtitle="Month-end forecast against each team's budget. Past the threshold, an overrun needs an approval.">
        <label className="measure-select">
          <span>Month</span>
          <select value={review.data?.month ?? month ?? ""} onChange={(e) => setMonth(e.target.value)} data-testid="budget-month-select">
            {(newest ? reviewableMonths(newest) : []).map((m) => (
              <option key={m} value={m}>
                {formatMonth(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="measure-select" title="How far over budget a forecast may run before it needs an approval">
          <span>Approval past</span>
          <select value={threshold} onChange={(e) => setThreshold(e.target.value)} data-testid="budget-threshold-select">
            {(BUDGET_THRESHOLDS as readonly string[]).concat(BUDGET_THRESHOLDS.includes(threshold as never) ? [] : [threshold]).map((t) => (
              <option key={t} value={t}>
                {formatShare(t)}
              </option>
            ))}
          </select>
        </label>
      </PageHeader>
      <QueryState query={review} isEmpty={(d) => d.lastCompleteBillingDay === null} empty="No billing data yet: the first sync is running.">
        {(data) => (
          <>
            <BudgetSummaryCard review={data} />
            <BudgetReviewTable review={data} />
            <BudgetAuditCard month={data.month} />
          </>
        )}
      </QueryState>
    </>
  );
}
