// The real AWS SDK clients behind the CostExplorerApi / TaggingApi interfaces.
// Endpoints follow the SDK's own settings (AWS_ENDPOINT_URL_COST_EXPLORER,
// AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API, AWS_ENDPOINT_URL), read by the SDK itself.
import { CostExplorerClient, GetCostAndUsageCommand, GetDimensionValuesCommand } from "@aws-sdk/client-cost-explorer";
import { ResourceGroupsTaggingAPIClient, GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import type { CostExplorerApi, TaggingApi } from "./aws-apis";
import { commitmentsApi, type CommitmentsApi } from "./commitments-api";

export function costExplorerApi(client: CostExplorerClient): CostExplorerApi {
  return {
    getCostAndUsage: (input) => client.send(new GetCostAndUsageCommand(input)),
    getDimensionValues: (input) => client.send(new GetDimensionValuesCommand(input)),
  };
}

/** Tagging is regional: one client per region, made on first use. */
export function taggingApi(clientFor: (region: string) => ResourceGroupsTaggingAPIClient): TaggingApi {
  const clients = new Map<string, ResourceGroupsTaggingAPIClient>();
  return {
    getResources: (region, input) => {
      const client = clients.get(region) ?? clientFor(region);
      clients.set(region, client);
      return client.send(new GetResourcesCommand(input));
    },
  };
}

/** Clients on the SDK's default credential chain, with the standard retry mode. */
export function defaultAwsApis(maxAttempts: number): { costExplorer: CostExplorerApi; tagging: TaggingApi; commitments: CommitmentsApi } {
  // Cost Explorer is global, served from us-east-1 and signed for it.
  const costExplorer = new CostExplorerClient({ region: "us-east-1", retryMode: "standard", maxAttempts });
  return {
    costExplorer: costExplorerApi(costExplorer),
    commitments: commitmentsApi(costExplorer),
    tagging: taggingApi((region) => new ResourceGroupsTaggingAPIClient({ region, retryMode: "standard", maxAttempts })),
  };
}
