// The month at a glance for the meeting: the org's budget, spend so far, forecast (with its range)
// and variance, how many teams need an approval, and each group rolled up through that month's tree.
import Decimal from "decimal.js";
import type { BudgetReview } from "../../api/use-budgets";
import { Card } from "../../components/card";
import { formatDay, formatMonth } from "../../format/dates";
import { formatShare, formatShareChange, formatUsdChange, formatUsdWhole, signOf } from "../../format/money";

const sum = (values: (string | null)[]) => values.reduce<Decimal>((s, v) => (v === null ? s : s.plus(v)), new Decimal(0)).toFixed(2);

export function BudgetSummaryCard({ review }: { review: BudgetReview }) {
  const budget = sum(review.teams.map((t) => t.budgetUsd));
  const actual = sum(review.teams.map((t) => t.actualToDate));
  const forecast = sum(review.teams.map((t) => t.forecast));
  const variance = new Decimal(forecast).minus(budget).toFixed(2);
  const varianceRatio = new Decimal(budget).isZero() ? null : new Decimal(variance).div(budget).toDecimalPlaces(6).toString();
  const needing = review.teams.filter((t) => t.status === "over-needs-approval").length;
  const approved = review.teams.filter((t) => t.status === "over-approved").length;
  const groups = review.units.filter((u) => u.kind === "group");
  const through = review.complete ? "the whole month" : `${review.daysElapsed} of ${review.daysInMonth} days, through ${formatDay(review.lastCompleteBillingDay ?? review.month + "-01")}`;
  return (
    <Card title={`${formatMonth(review.month)} at a glance`} note={`Spend over ${through}. ${review.method}`} testId="budget-summary">
      <div className="budget-tiles">
        <Tile label="Budget" value={formatUsdWhole(budget)} />
        <Tile label={review.complete ? "Spent" : "Spent so far"} value={formatUsdWhole(actual)} detail={`${formatShare(new Decimal(budget).isZero() ? null : new Decimal(actual).div(budget).toString())} of budget`} />
        <Tile label={review.complete ? "Month total" : "Forecast"} value={formatUsdWhole(forecast)} />
        <Tile label="Variance" value={formatUsdChange(variance)} detail={formatShareChange(varianceRatio)} tone={signOf(variance) > 0 ? "bad" : "good"} />
        <Tile label="Need approval" value={String(needing)} detail={approved ? `${approved} approved` : `past ${formatShare(review.threshold)} over budget`} tone={needing > 0 ? "bad" : "good"} testId="budget-needing-approval" />
      </div>
      {groups.length > 0 ? (
        <div className="budget-groups" data-testid="budget-groups">
          {groups.map((g) => (
            <div key={g.id} className={`budget-group ${g.needsApproval ? "budget-group-over" : ""}`} title={`${g.teams} teams`}>
              <span className="budget-group-name">{g.name}</span>
              <span className="num">{g.forecast === null ? "—" : formatUsdWhole(g.forecast)}</span>
              <span className="num muted">of {g.budgetUsd === null ? "no budget" : formatUsdWhole(g.budgetUsd)}</span>
              <span className={`num ${g.varianceUsd !== null && signOf(g.varianceUsd) > 0 ? "change-up" : "change-down"}`}>{g.varianceRatio === null ? "" : formatShareChange(g.varianceRatio)}</span>
            </div>
          ))}
        </div>
      ) : null}
    </Card>
  );
}

function Tile({ label, value, detail, tone, testId }: { label: string; value: string; detail?: string; tone?: "good" | "bad"; testId?: string }) {
  return (
    <div className={`budget-tile ${tone ? `budget-tile-${tone}` : ""}`} data-testid={testId}>
      <div className="budget-tile-label">{label}</div>
      <div className="budget-tile-value">{value}</div>
      {detail ? <div className="budget-tile-detail">{detail}</div> : null}
    </div>
  );
}
