// Revenue vs infrastructure cost per full month: the share, its goal, whether it is rising, and
// inflections (a change in quarterly growth) in either line, for the log-axis chart.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import type { Measure } from "../../db/queries/measure";
import { getMonthlyCostBreakdown } from "../../db/queries/efficiency-costs";
import { getGoals, getRevenueMonths } from "../../db/queries/business-inputs";
import { getEfficiencyWindow } from "./efficiency-window";
import { revenueAndCostInflections, revenueShares, revenueShareTrend } from "./revenue-share";
import { quarterlyGrowth } from "./growth-inflection";
import { GOAL_KEYS, goalForPeriod } from "../../db/domain/metric-goals";
import { metricCard } from "./metric-card";

export async function getRevenueView(db: DbOrTx, params: { measure: Measure; months?: number }) {
  const window = await getEfficiencyWindow(db, params.months);
  if (!window) return null;
  const [costs, revenue, goals] = await Promise.all([
    getMonthlyCostBreakdown(db, { measure: params.measure, from: window.from, to: window.to }),
    getRevenueMonths(db),
    getGoals(db),
  ]);
  const byMonth = new Map(revenue.map((r) => [r.month, r]));
  const cloud = new Map<string, Decimal>();
  for (const c of costs) cloud.set(c.month, (cloud.get(c.month) ?? new Decimal(0)).plus(c.amount));
  // Full months only: the open month's cost is partial and its revenue not known yet.
  const input = window.fullMonths.map((month) => ({ month, revenue: byMonth.get(month)?.revenue ?? null, infraCost: (cloud.get(month) ?? new Decimal(0)).toString() }));
  const months = revenueShares(input).map((m) => ({ ...m, goal: goalForPeriod(goals, GOAL_KEYS.revenueShare, m.month)?.targetValue ?? null }));
  const revenueQuarters = quarterlyGrowth(input.filter((m) => m.revenue !== null).map((m) => ({ month: m.month, amount: m.revenue })));
  const shareCard = metricCard({
    key: "infra_share_of_revenue",
    label: "Infrastructure share of revenue",
    unitLabel: "of revenue",
    goalKey: GOAL_KEYS.revenueShare,
    trend: months.map((m) => ({ period: m.month, value: m.share })),
    period: [...months].reverse().find((m) => m.share !== null)?.month ?? null,
    goals,
  });
  return {
    lastCompleteBillingDay: window.lastCompleteBillingDay,
    months,
    shareCard,
    shareTrend: revenueShareTrend(input),
    revenueQuarterlyGrowth: revenueQuarters.at(-1)?.growth ?? null,
    inflections: revenueAndCostInflections(input),
    /** The revenue.csv figures of each month (cash and net burn too, for the runway check). */
    revenueFigures: revenue,
  };
}
