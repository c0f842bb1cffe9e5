// Infrastructure cost as a share of revenue per month, and whether that share is rising.
import Decimal from "decimal.js";
import { ratio } from "../../db/queries/ratio";
import { detectInflections, quarterlyGrowth, type Inflection } from "./growth-inflection";

export interface RevenueMonthInput {
  month: string;
  /** Null for a month without a revenue figure (the open month, say). */
  revenue: string | null;
  infraCost: string;
}

export interface RevenueSharePoint extends RevenueMonthInput {
  /** infraCost / revenue to 6 places; null without revenue or with zero revenue. */
  share: string | null;
}

export interface RevenueShareTrend {
  /** The share over the last whole quarter and the one before it; null when not known. */
  lastQuarter: { start: string; end: string; share: string | null } | null;
  previousQuarter: { start: string; end: string; share: string | null } | null;
  /** Null when there are fewer than two quarters of revenue. */
  rising: boolean | null;
}

/** A rise smaller than this (0.1 percentage point) is noise, not a trend. */
export const RISING_SHARE_THRESHOLD = "0.001";

export function revenueShares(months: readonly RevenueMonthInput[]): RevenueSharePoint[] {
  return months.map((m) => ({ ...m, share: m.revenue === null ? null : ratio(m.infraCost, m.revenue) }));
}

/** Compares the last two whole quarters of months that have revenue. */
export function revenueShareTrend(months: readonly RevenueMonthInput[]): RevenueShareTrend {
  const withRevenue = months.filter((m) => m.revenue !== null);
  const revenueQuarters = quarterlyGrowth(withRevenue.map((m) => ({ month: m.month, amount: m.revenue })));
  const costQuarters = quarterlyGrowth(withRevenue.map((m) => ({ month: m.month, amount: m.infraCost })));
  const quarter = (i: number) => {
    const revenue = revenueQuarters[i];
    const cost = costQuarters[i];
    return revenue && cost ? { start: revenue.start, end: revenue.end, share: ratio(cost.total, revenue.total) } : null;
  };
  const last = quarter(revenueQuarters.length - 1);
  const previous = quarter(revenueQuarters.length - 2);
  const rising = last?.share != null && previous?.share != null ? new Decimal(last.share).minus(previous.share).gte(RISING_SHARE_THRESHOLD) : null;
  return { lastQuarter: last, previousQuarter: previous, rising };
}

/** Inflections of both lines, for the markers on the log-axis chart. */
export function revenueAndCostInflections(months: readonly RevenueMonthInput[]): { revenue: Inflection[]; cost: Inflection[] } {
  const withRevenue = months.filter((m) => m.revenue !== null);
  return {
    revenue: detectInflections(withRevenue.map((m) => ({ month: m.month, amount: m.revenue }))),
    cost: detectInflections(withRevenue.map((m) => ({ month: m.month, amount: m.infraCost }))),
  };
}
