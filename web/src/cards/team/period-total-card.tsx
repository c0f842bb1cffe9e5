import { useTeamDetail } from "../../api/use-team-detail";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatUsd } from "../../format/money";
import { formatDay } from "../../format/dates";
import type { TeamDetailParams } from "./team-params";
import { MEASURES } from "../../routing/measure";

export function PeriodTotalCard({ params }: { params: TeamDetailParams }) {
  const detail = useTeamDetail(params);
  return (
    <Card title="Total for the period" testId="team-total-card" className="card-total">
      <QueryState query={detail} height={64}>
        {(data) => (
          <div className={detail.isPlaceholderData ? "stale" : undefined}>
            <div className="total-value" data-testid="team-period-total">{formatUsd(data.total)}</div>
            <div className="muted" data-testid="team-period">
              <time dateTime={data.period.from}>{formatDay(data.period.from)}</time> – <time dateTime={data.period.to}>{formatDay(data.period.to)}</time>
            </div>
            <dl className="facts facts-stacked">
              <dt>Measure</dt>
              <dd>{MEASURES.find((m) => m.value === params.measure)?.label}</dd>
              <dt>Billing complete through</dt>
              <dd>{formatDay(data.lastCompleteBillingDay)}</dd>
              <dt>Days</dt>
              <dd>{data.byService.days.length}</dd>
            </dl>
          </div>
        )}
      </QueryState>
    </Card>
  );
}
