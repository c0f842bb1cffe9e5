// Shared clusters: per EKS or ECS cluster, cost by team and namespace over the last three months and
// its idle share (docs/clusters.md).
import { useClusters } from "../api/use-clusters";
import { PageHeader } from "../components/page-header";
import { QueryState } from "../components/query-state";
import { ClusterCard } from "../cards/clusters/cluster-card";
import { useMeasure } from "../routing/measure";

export function ClustersPage() {
  const [measure] = useMeasure();
  const clusters = useClusters({ measure, grain: "day" });
  return (
    <>
      <PageHeader title="Clusters" />
      <QueryState query={clusters} isEmpty={(data) => data.clusters.length === 0} empty="No cluster costs yet: import a CUR with split cost allocation data.">
        {(data) => (
          <div className="cluster-list" data-testid="clusters-page">
            {data.clusters.map((cluster) => (
              <ClusterCard key={cluster.cluster} cluster={cluster} />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}
