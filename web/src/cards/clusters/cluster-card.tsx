// One shared cluster: its cost by team per day (stacked), its idle share per day against its goal, and
// cost by team and namespace.
import { Card } from "../../components/card";
import { DataTable } from "../../components/data-table";
import { DailyStackedChart } from "../../charts/daily-stacked-chart";
import { IdleShareChart } from "../../charts/idle-share-chart";
import type { DailyBreakdown } from "../../api/use-team-detail";
import type { ClusterSummary } from "../../api/use-clusters";
import { formatShare, formatUsd } from "../../format/money";

/** The cluster's periods as the stacked chart's filled breakdown, one series per team. */
function byTeam(cluster: ClusterSummary): DailyBreakdown {
  return {
    series: cluster.teams.map((team) => ({ key: team.teamId, label: team.teamId, total: team.amount })),
    days: cluster.periods.map((period) => ({ day: period.period, total: period.total, values: period.byTeam })),
  };
}

export function ClusterCard({ cluster }: { cluster: ClusterSummary }) {
  return (
    <Card
      title={cluster.cluster}
      note={`${formatUsd(cluster.total)} over the range, ${formatUsd(cluster.idle)} idle (${formatShare(cluster.idleShare)})`}
      testId={`cluster-${cluster.cluster}`}
    >
      <DailyStackedChart breakdown={byTeam(cluster)} testId={`cluster-chart-${cluster.cluster}`} ariaLabel={`Daily cost of ${cluster.cluster} by team`} height={220} />
      <h3 className="cluster-subtitle">Idle share (goal {formatShare(cluster.idleGoal)})</h3>
      <IdleShareChart cluster={cluster} />
      <div className="cluster-tables">
        <DataTable columns={["Team", { label: "Cost", className: "num" }]} testId={`cluster-teams-${cluster.cluster}`}>
          {cluster.teams.map((team) => (
            <tr key={team.teamId}>
              <td>{team.teamId}</td>
              <td className="num">{formatUsd(team.amount)}</td>
            </tr>
          ))}
        </DataTable>
        <DataTable columns={["Namespace", { label: "Cost", className: "num" }]} testId={`cluster-namespaces-${cluster.cluster}`}>
          {cluster.namespaces.map((namespace) => (
            <tr key={namespace.namespace}>
              <td>{namespace.namespace}</td>
              <td className="num">{formatUsd(namespace.amount)}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </Card>
  );
}
