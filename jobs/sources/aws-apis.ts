// The slice of each AWS API the sync uses. The real SDK clients and the demo emulators both
// implement it, so the demo company flows through exactly the code a real account does.
import type {
  GetCostAndUsageCommandInput,
  GetCostAndUsageCommandOutput,
  GetDimensionValuesCommandInput,
  GetDimensionValuesCommandOutput,
} from "@aws-sdk/client-cost-explorer";
import type { GetResourcesCommandInput, GetResourcesCommandOutput } from "@aws-sdk/client-resource-groups-tagging-api";

export interface CostExplorerApi {
  getCostAndUsage(input: GetCostAndUsageCommandInput): Promise<GetCostAndUsageCommandOutput>;
  getDimensionValues(input: GetDimensionValuesCommandInput): Promise<GetDimensionValuesCommandOutput>;
}

export interface TaggingApi {
  getResources(region: string, input: GetResourcesCommandInput): Promise<GetResourcesCommandOutput>;
}

/** An error shaped like the SDK's service exceptions: `name` is the AWS error code. */
export class AwsApiError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}
