// How fresh the data is and what reading it from AWS has cost.
import { useJobRuns } from "../../api/use-job-runs";
import { ErrorState, Loading } from "../../components/query-state";
import { formatDay } from "../../format/dates";
import { formatUsd } from "../../format/money";

export function SyncStatusCard() {
  const runs = useJobRuns();
  if (runs.isPending) return <div className="stats card"><Loading height={72} /></div>;
  if (runs.isError) return <div className="stats card"><ErrorState error={runs.error} onRetry={() => void runs.refetch()} /></div>;
  const { lastCompleteBillingDay, billing, costExplorerLast30Days, runs: list } = runs.data;
  const running = list.some((run) => run.status === "running");
  // The demo source answers from fixtures: its requests are emulated and cost nothing.
  const demoOnly = list.length > 0 && list.every((run) => run.source === "demo");
  return (
    <div className="stats" data-testid="sync-status">
      <div className="stat" data-testid="sync-last-complete-day">
        <div className="stat-label">Last complete billing day</div>
        <div className="stat-value">{lastCompleteBillingDay ? formatDay(lastCompleteBillingDay) : "—"}</div>
        <div className="stat-detail">
          {lastCompleteBillingDay
            ? billing.basis === "exports"
              ? `from the newest exports${billing.partialMonth ? `; ${billing.partialMonth} is partial` : ""}`
              : "newer days are still being billed"
            : running ? "the first sync is running" : "no sync has finished yet"}
        </div>
      </div>
      <div className="stat" data-testid="sync-ce-requests">
        <div className="stat-label">Cost Explorer requests, 30 days</div>
        <div className="stat-value">{costExplorerLast30Days.requests.toLocaleString("en-US")}</div>
        <div className="stat-detail">{demoOnly ? "the demo source makes no AWS requests" : "each page of results is one billed request"}</div>
      </div>
      <div className="stat" data-testid="sync-ce-cost">
        <div className="stat-label">Cost Explorer API cost, 30 days</div>
        <div className="stat-value">{formatUsd(costExplorerLast30Days.cost)}</div>
        <div className="stat-detail">at $0.01 per request</div>
      </div>
    </div>
  );
}
