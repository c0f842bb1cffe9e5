// The expanded row: the services and days that moved against last month, the team's nudges, and
// the actions (approve an overrun, edit the budget).
import type { BudgetReview, BudgetReviewRow } from "../../api/use-budgets";
import { useBudgetMovers, useTeamNudges } from "../../api/use-budgets";
import { useMeasure } from "../../routing/measure";
import { QueryState } from "../../components/query-state";
import { formatShortDay, formatTimestamp } from "../../format/dates";
import { formatShareChange, formatUsd, formatUsdChange, signOf } from "../../format/money";
import { BudgetDaysChart } from "../../charts/budget-days-chart";
import { BudgetApprovalForm } from "./budget-approval-form";
import { BudgetEditForm } from "./budget-edit-form";
import { Can } from "../../session/session";

const TOP = 6;
const tone = (amount: string) => (signOf(amount) > 0 ? "change-up" : signOf(amount) < 0 ? "change-down" : "");

export function BudgetTeamDetail({ row, review }: { row: BudgetReviewRow; review: BudgetReview }) {
  const [measure] = useMeasure();
  const movers = useBudgetMovers({ month: review.month, teamId: row.teamId, measure });
  return (
    <div className="budget-detail" data-testid="budget-detail">
      <section>
        <h3 className="budget-detail-title">Services that moved</h3>
        <QueryState query={movers} height={80} isEmpty={(d) => d.services.length === 0} empty="No spend this month yet.">
          {(d) => (
            <>
              <p className="card-note">
                {formatShortDay(d.current!.from)}–{formatShortDay(d.current!.to)} against {formatShortDay(d.previous!.from)}–{formatShortDay(d.previous!.to)}
              </p>
              <table className="table table-compact" data-testid="budget-services">
                <tbody>
                  {d.services.slice(0, TOP).map((s) => (
                    <tr key={s.service}>
                      <td title={s.service}>{s.service}</td>
                      <td className="num">{formatUsd(s.current)}</td>
                      <td className={`num ${tone(s.changeUsd)}`}>{formatUsdChange(s.changeUsd)}</td>
                      <td className={`num ${tone(s.changeUsd)}`}>{formatShareChange(s.changeRatio)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </QueryState>
      </section>
      <section>
        <h3 className="budget-detail-title">Days that moved</h3>
        <QueryState query={movers} height={80} isEmpty={(d) => d.days.length === 0} empty="No complete day this month yet.">
          {(d) => (
            <>
              <p className="card-note">Each day (bars) against the same weekday four weeks earlier (dashed); the biggest rises in red. The 1st carries monthly fees and tax.</p>
              <BudgetDaysChart days={d.days} />
            </>
          )}
        </QueryState>
      </section>
      <section>
        <h3 className="budget-detail-title">Nudges for {row.name}</h3>
        <TeamNudges teamId={row.teamId} />
        <h3 className="budget-detail-title">Decision</h3>
        {row.approval ? (
          <p className="budget-approved" data-testid="budget-approval">
            Approved by <strong>{row.approval.actor}</strong> on {formatTimestamp(row.approval.at)}: “{row.approval.reason}” (forecast {formatUsd(row.approval.forecastUsd)} against {formatUsd(row.approval.budgetUsd)})
          </p>
        ) : null}
        {row.status === "over-needs-approval" ? <Can need="admin"><BudgetApprovalForm row={row} review={review} /></Can> : null}
        <Can need="editor" teamId={row.teamId}><BudgetEditForm row={row} month={review.month} /></Can>
      </section>
    </div>
  );
}

function TeamNudges({ teamId }: { teamId: string }) {
  const nudges = useTeamNudges(teamId);
  return (
    <QueryState query={nudges} height={60}>
      {(d) =>
        !d.available ? (
          <p className="muted budget-nudges-empty" data-testid="budget-nudges-unavailable">Nudges are not available on this server yet.</p>
        ) : d.nudges.length === 0 ? (
          <p className="muted budget-nudges-empty" data-testid="budget-nudges-empty">No open nudges for this team.</p>
        ) : (
          <ul className="budget-nudges" data-testid="budget-nudges">
            {d.nudges.slice(0, 5).map((n) => (
              <li key={n.id}>
                <span className="budget-nudge-title">{n.title}</span>
                <span className="muted"> · {n.status} · {formatUsd(n.monthlyAtStake)}/month at stake</span>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
