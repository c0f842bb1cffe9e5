// The fake endpoint's Cost Explorer commitment operations (RI / Savings Plans coverage, utilization
// and purchase recommendations), dispatched by X-Amz-Target like the billing ones.
import type { CommitmentsApi } from "../../jobs/sources/commitments-api.js";

const CE_PREFIX = "AWSInsightsIndexService.";

export function commitmentOperations(api: CommitmentsApi | undefined): Record<string, (body: never) => Promise<object>> {
  if (!api) return {};
  return {
    [`${CE_PREFIX}GetReservationCoverage`]: (body) => api.getReservationCoverage(body),
    [`${CE_PREFIX}GetReservationUtilization`]: (body) => api.getReservationUtilization(body),
    [`${CE_PREFIX}GetSavingsPlansCoverage`]: (body) => api.getSavingsPlansCoverage(body),
    [`${CE_PREFIX}GetSavingsPlansUtilization`]: (body) => api.getSavingsPlansUtilization(body),
    [`${CE_PREFIX}GetSavingsPlansUtilizationDetails`]: (body) => api.getSavingsPlansUtilizationDetails(body),
    [`${CE_PREFIX}GetReservationPurchaseRecommendation`]: (body) => api.getReservationPurchaseRecommendation(body),
    [`${CE_PREFIX}GetSavingsPlansPurchaseRecommendation`]: (body) => api.getSavingsPlansPurchaseRecommendation(body),
  };
}
