// The Cost Explorer calls behind commitment planning: reservation and Savings Plans coverage,
// utilization and purchase recommendations. The real SDK client and the demo emulator both
// implement it. Kept apart from CostExplorerApi so billing-only implementations stay small.
import {
  CostExplorerClient,
  GetReservationCoverageCommand,
  GetReservationPurchaseRecommendationCommand,
  GetReservationUtilizationCommand,
  GetSavingsPlansCoverageCommand,
  GetSavingsPlansPurchaseRecommendationCommand,
  GetSavingsPlansUtilizationCommand,
  GetSavingsPlansUtilizationDetailsCommand,
  type GetReservationCoverageCommandInput,
  type GetReservationCoverageCommandOutput,
  type GetReservationPurchaseRecommendationCommandInput,
  type GetReservationPurchaseRecommendationCommandOutput,
  type GetReservationUtilizationCommandInput,
  type GetReservationUtilizationCommandOutput,
  type GetSavingsPlansCoverageCommandInput,
  type GetSavingsPlansCoverageCommandOutput,
  type GetSavingsPlansPurchaseRecommendationCommandInput,
  type GetSavingsPlansPurchaseRecommendationCommandOutput,
  type GetSavingsPlansUtilizationCommandInput,
  type GetSavingsPlansUtilizationCommandOutput,
  type GetSavingsPlansUtilizationDetailsCommandInput,
  type GetSavingsPlansUtilizationDetailsCommandOutput,
} from "@aws-sdk/client-cost-explorer";

export interface CommitmentsApi {
  getReservationCoverage(input: GetReservationCoverageCommandInput): Promise<GetReservationCoverageCommandOutput>;
  getReservationUtilization(input: GetReservationUtilizationCommandInput): Promise<GetReservationUtilizationCommandOutput>;
  getSavingsPlansCoverage(input: GetSavingsPlansCoverageCommandInput): Promise<GetSavingsPlansCoverageCommandOutput>;
  getSavingsPlansUtilization(input: GetSavingsPlansUtilizationCommandInput): Promise<GetSavingsPlansUtilizationCommandOutput>;
  /** Per plan (ARN) with its attributes: term, start and end, hourly commitment. Pages with NextToken. */
  getSavingsPlansUtilizationDetails(input: GetSavingsPlansUtilizationDetailsCommandInput): Promise<GetSavingsPlansUtilizationDetailsCommandOutput>;
  getReservationPurchaseRecommendation(input: GetReservationPurchaseRecommendationCommandInput): Promise<GetReservationPurchaseRecommendationCommandOutput>;
  getSavingsPlansPurchaseRecommendation(input: GetSavingsPlansPurchaseRecommendationCommandInput): Promise<GetSavingsPlansPurchaseRecommendationCommandOutput>;
}

export function commitmentsApi(client: CostExplorerClient): CommitmentsApi {
  return {
    getReservationCoverage: (input) => client.send(new GetReservationCoverageCommand(input)),
    getReservationUtilization: (input) => client.send(new GetReservationUtilizationCommand(input)),
    getSavingsPlansCoverage: (input) => client.send(new GetSavingsPlansCoverageCommand(input)),
    getSavingsPlansUtilization: (input) => client.send(new GetSavingsPlansUtilizationCommand(input)),
    getSavingsPlansUtilizationDetails: (input) => client.send(new GetSavingsPlansUtilizationDetailsCommand(input)),
    getReservationPurchaseRecommendation: (input) => client.send(new GetReservationPurchaseRecommendationCommand(input)),
    getSavingsPlansPurchaseRecommendation: (input) => client.send(new GetSavingsPlansPurchaseRecommendationCommand(input)),
  };
}
