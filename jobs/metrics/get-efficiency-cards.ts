// The two headline numbers: infrastructure $ per N product operations (a scope of the bill over a
// metric's volume, day-aligned) and infrastructure overhead $ per engineer, each as a metric card.
import type { DbOrTx } from "../../db/client";
import { addDays } from "../../db/calendar";
import type { Measure } from "../../db/queries/measure";
import { getDailyScopeCost, getMonthlyCostBreakdown, type CostScope } from "../../db/queries/efficiency-costs";
import { getDailyOperations, getGoals, getHeadcount, getVendors, listOperationMetrics } from "../../db/queries/business-inputs";
import { getEfficiencyWindow } from "./efficiency-window";
import { dailyUnitCosts, monthlyUnitCosts, DEFAULT_MIN_VOLUME, DEFAULT_UNIT_N, type UnitCostPoint } from "./unit-cost";
import { GOAL_KEYS, goalOn, headlineUnitMetric } from "../../db/domain/metric-goals";
import { metricCard, type MetricCard } from "./metric-card";
import { monthlyOverhead, type OverheadPoint } from "./engineer-overhead";

export interface EfficiencyCardsParams {
  measure: Measure;
  metric?: string;
  n?: number;
  minVolume?: number;
  scope: CostScope;
  /** Count only these teams' operations (a team's own unit cost); default every team's. */
  operationTeams?: string[];
  months?: number;
}

/** Production is the cost of serving the product; overhead is measured separately. */
export const DEFAULT_UNIT_COST_SCOPE: CostScope = { environments: ["production"] };
const DAILY_DAYS = 90;

export async function getEfficiencyCards(db: DbOrTx, params: EfficiencyCardsParams) {
  const window = await getEfficiencyWindow(db, params.months);
  const [goals, metrics] = await Promise.all([getGoals(db), listOperationMetrics(db)]);
  const metric = params.metric ?? headlineUnitMetric(goals) ?? metrics[0]?.metric ?? null;
  const goalN = metric && window ? goalOn(goals, GOAL_KEYS.unitCost(metric), window.to)?.unitN : undefined;
  const n = params.n ?? goalN ?? DEFAULT_UNIT_N;
  const minVolume = params.minVolume ?? DEFAULT_MIN_VOLUME;
  const base = { lastCompleteBillingDay: window?.lastCompleteBillingDay ?? null, lastFullMonth: window?.lastFullMonth ?? null, metric, metrics, n, minVolume, scope: params.scope };
  if (!window) return { ...base, cards: null, unitCostMonthly: [] as UnitCostPoint[], unitCostDaily: [] as UnitCostPoint[], overheadMonthly: [] as OverheadPoint[] };

  const [cost, volume, breakdown, headcount, vendors] = await Promise.all([
    getDailyScopeCost(db, { measure: params.measure, from: window.from, to: window.to, scope: params.scope }),
    metric ? getDailyOperations(db, { metric, from: window.from, to: window.to, teams: params.operationTeams }) : Promise.resolve(new Map<string, string>()),
    getMonthlyCostBreakdown(db, { measure: params.measure, from: window.from, to: window.to }),
    getHeadcount(db),
    getVendors(db),
  ]);
  const span = { from: window.from, to: window.to, lastCompleteDay: window.lastCompleteBillingDay };
  const unitCostMonthly = monthlyUnitCosts(cost, volume, span, { n, minVolume });
  const dailyFrom = addDays(window.to, -(DAILY_DAYS - 1));
  const unitCostDaily = dailyUnitCosts(cost, volume, { ...span, from: dailyFrom < window.from ? window.from : dailyFrom }, { n, minVolume });
  const overheadMonthly = monthlyOverhead(window.fullMonths, breakdown, headcount, vendors);

  const unitLabel = `per ${n.toLocaleString("en-US")} ${metric ? metric.replaceAll("_", " ") : "operations"}`;
  const cards: { unitCost: MetricCard; engineerOverhead: MetricCard } = {
    unitCost: metricCard({
      key: "unit_cost",
      label: `Infrastructure cost ${unitLabel}`,
      unitLabel,
      goalKey: metric ? GOAL_KEYS.unitCost(metric) : "unit_cost",
      trend: unitCostMonthly.filter((p) => p.complete).map((p) => ({ period: p.period, value: p.value })),
      period: window.lastFullMonth,
      goals,
      unitN: n,
    }),
    engineerOverhead: metricCard({
      key: "engineer_overhead",
      label: "Infrastructure overhead per engineer",
      unitLabel: "per engineer per month",
      goalKey: GOAL_KEYS.engineerOverhead,
      trend: overheadMonthly.map((p) => ({ period: p.month, value: p.perEngineer })),
      period: window.lastFullMonth,
      goals,
    }),
  };
  return { ...base, cards, unitCostMonthly, unitCostDaily, overheadMonthly };
}
