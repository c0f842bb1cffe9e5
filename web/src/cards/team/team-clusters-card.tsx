// The team's share of each shared cluster in the period: its pods' cost and its part of the idle cost,
// against the cluster's whole cost. Shown only when the team has cluster cost.
import { useTeamDetail } from "../../api/use-team-detail";
import { Card } from "../../components/card";
import { DataTable, num } from "../../components/data-table";
import { Link } from "../../routing/link";
import { paths } from "../../routing/routes";
import { formatShare, formatUsd } from "../../format/money";
import type { TeamDetailParams } from "./team-params";

export function TeamClustersCard({ params }: { params: TeamDetailParams }) {
  const detail = useTeamDetail(params);
  const clusters = detail.data?.clusters ?? [];
  if (clusters.length === 0) return null;
  return (
    <Card title="Share of shared clusters" note="Its pods' split cost and its part of each cluster's idle cost, against the cluster's whole cost in the period." testId="team-clusters-card">
      <DataTable columns={["Cluster", num("Team's cost"), num("Pods"), num("Idle"), num("Cluster total"), num("Share")]} testId="team-clusters-table">
        {clusters.map((row) => (
          <tr key={row.cluster} data-testid={`team-cluster-${row.cluster}`}>
            <td><Link to={paths.clusters}>{row.cluster}</Link></td>
            <td className="num">{formatUsd(row.amount)}</td>
            <td className="num">{formatUsd(row.split)}</td>
            <td className="num">{formatUsd(row.idle)}</td>
            <td className="num">{formatUsd(row.clusterTotal)}</td>
            <td className="num">{formatShare(row.share)}</td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}
