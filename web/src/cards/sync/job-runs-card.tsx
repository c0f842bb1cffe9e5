// Every recorded job run, newest first: what ran, on which window, what it wrote and what it cost.
import { useJobRuns } from "../../api/use-job-runs";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { StatusBadge } from "../../components/status-badge";
import { addDays, formatDuration, formatShortDay, formatTimestamp } from "../../format/dates";
import { DataTable, num } from "../../components/data-table";

export function JobRunsCard() {
  const runs = useJobRuns();
  return (
    <Card title="Job runs" note="The newest 50. Windows are inclusive; API attempts include retries." testId="job-runs-card">
      <QueryState query={runs} isEmpty={(data) => data.runs.length === 0} empty="No job has run yet: the first sync starts with the server.">
        {(data) => (
          <DataTable columns={["Job", "Source", "Status", "Started", "Window", num("Rows"), num("API requests / attempts"), num("Duration"), "Error"]} testId="job-runs-table" scroll>
            {data.runs.map((run) => (
              <tr key={run.id} className={run.status === "failed" ? "row-failed" : undefined}>
                <td className="mono">{run.job}</td>
                <td>{run.source}</td>
                <td><StatusBadge status={run.status} /></td>
                <td className="nowrap">{formatTimestamp(run.startedAt)}</td>
                <td className="nowrap">{run.windowStart && run.windowEnd ? `${formatShortDay(run.windowStart)} – ${formatShortDay(addDays(run.windowEnd, -1))}` : "—"}</td>
                <td className="num">{run.rowsWritten.toLocaleString("en-US")}</td>
                <td className="num">{run.apiRequests.toLocaleString("en-US")} / {run.apiAttempts.toLocaleString("en-US")}</td>
                <td className="num">{formatDuration(run.durationMs)}</td>
                <td className="error-cell">{run.error ?? ""}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}
