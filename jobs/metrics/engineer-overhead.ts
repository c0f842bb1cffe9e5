// Infrastructure overhead per engineer per month: non-production cloud (development and data
// environments) plus non-production vendor tooling, divided by engineer headcount.
import Decimal from "decimal.js";
import { contractCostInMonth, type VendorContract } from "./vendor-contracts";

/** Environments whose cost is overhead rather than the cost of serving the product. */
export const OVERHEAD_ENVIRONMENTS = ["development", "data"] as const;

export interface OverheadInput {
  month: string;
  /** Cloud cost of the month in the overhead environments. */
  nonProductionCost: string;
  /** Non-production vendor cost of the month. */
  vendorTooling: string;
  /** Null when no headcount is known for the month. */
  engineers: number | null;
}

export interface OverheadPoint extends OverheadInput {
  overhead: string;
  /** overhead / engineers to 6 places; null without engineers. */
  perEngineer: string | null;
}

export function engineerOverhead(input: OverheadInput): OverheadPoint {
  const overhead = new Decimal(input.nonProductionCost).plus(input.vendorTooling);
  const perEngineer = input.engineers && input.engineers > 0 ? overhead.div(input.engineers).toDecimalPlaces(6).toString() : null;
  return { ...input, overhead: overhead.toString(), perEngineer };
}

/** The month's cost of the vendor contracts that count as tooling (production = no), optionally one team's. */
export function vendorTooling(vendors: readonly VendorContract[], month: string, teamId?: string): string {
  return contractCostInMonth(vendors, month, (v) => !v.production && (teamId === undefined || v.teamId === teamId));
}

export interface MonthTeamEnvironmentAmount {
  month: string;
  teamId: string;
  environment: string | null;
  amount: string;
}

/** Overhead per engineer for each month, company-wide or for one team (its own spend, vendors and engineers). */
export function monthlyOverhead(
  months: readonly string[],
  costs: readonly MonthTeamEnvironmentAmount[],
  headcount: readonly { month: string; teamId: string; engineers: number }[],
  vendors: readonly VendorContract[],
  teamId?: string,
): OverheadPoint[] {
  const overheadEnvironments: readonly string[] = OVERHEAD_ENVIRONMENTS;
  return months.map((month) => {
    const nonProductionCost = costs
      .filter((c) => c.month === month && (teamId === undefined || c.teamId === teamId) && overheadEnvironments.includes(c.environment ?? ""))
      .reduce((sum, c) => sum.plus(c.amount), new Decimal(0));
    const heads = headcount.filter((h) => h.month === month && (teamId === undefined || h.teamId === teamId));
    const engineers = heads.length ? heads.reduce((sum, h) => sum + h.engineers, 0) : null;
    return engineerOverhead({ month, nonProductionCost: nonProductionCost.toString(), vendorTooling: vendorTooling(vendors, month, teamId), engineers });
  });
}
