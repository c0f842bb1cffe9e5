// The coarse split (production / development / data, with shared and unknown beside them) for a
// month against each environment's goal, and the split per month for the trend.
import type { DbOrTx } from "../../db/client";
import type { Measure } from "../../db/queries/measure";
import { getMonthlyCostBreakdown } from "../../db/queries/efficiency-costs";
import { getGoals } from "../../db/queries/business-inputs";
import { getEfficiencyWindow } from "./efficiency-window";
import { environmentSplit, type EnvironmentSplitRow } from "./environment-split";

export async function getEnvironmentView(db: DbOrTx, params: { measure: Measure; month?: string; months?: number }) {
  const window = await getEfficiencyWindow(db, params.months);
  if (!window) return { lastCompleteBillingDay: null, month: null, rows: [] as EnvironmentSplitRow[], trend: [] };
  const month = params.month ?? window.lastFullMonth;
  const [costs, goals] = await Promise.all([getMonthlyCostBreakdown(db, { measure: params.measure, from: window.from, to: window.to }), getGoals(db)]);
  const splitOf = (m: string) => environmentSplit(m, costs.filter((c) => c.month === m), goals);
  return {
    lastCompleteBillingDay: window.lastCompleteBillingDay,
    month,
    rows: splitOf(month),
    trend: window.fullMonths.map((m) => ({ month: m, environments: Object.fromEntries(splitOf(m).map((row) => [row.environment, row.amount])) as Record<string, string> })),
  };
}
