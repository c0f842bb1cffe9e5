// Coverage and utilization trends from the latest Cost Explorer commitments sync.
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { useCommitments } from "../../api/use-commitments";
import { CommitmentTrendChart } from "../../charts/commitment-trend-chart";
import { formatUsd } from "../../format/money";

export function CommitmentTrendCard() {
  const query = useCommitments();
  const last = query.data?.trend.at(-1);
  return (
    <Card
      title="Coverage and utilization"
      note="Coverage: the share of eligible usage a reservation or Savings Plan paid for. Utilization: the share of what was bought that was used. From Cost Explorer, per month."
      testId="commitment-trend-card"
    >
      <QueryState query={query} isEmpty={(d) => d.trend.length === 0} empty="No Cost Explorer commitment data yet: the commitments sync runs daily (npm run cli -- commitments).">
        {(data) => (
          <>
            <CommitmentTrendChart trend={data.trend} />
            {last ? (
              <p className="muted" data-testid="commitment-trend-latest">
                {last.month}: Savings Plans coverage {last.savingsPlanCoverage ?? "—"}%, utilization {last.savingsPlanUtilization ?? "—"}%; reservations coverage {last.reservationCoverage ?? "—"}%, utilization{" "}
                {last.reservationUtilization ?? "—"}%{last.netSavings ? `; net savings ${formatUsd(last.netSavings)}` : ""}.
              </p>
            ) : null}
          </>
        )}
      </QueryState>
    </Card>
  );
}
