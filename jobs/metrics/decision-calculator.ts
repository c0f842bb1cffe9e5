// The decision rule from the playbook: is engineering time worth a saving, and does a dedicated
// efficiency team pay for itself (it should save 5x its cost)? Cost in engineer-equivalents too.
import Decimal from "decimal.js";

export const DEFAULT_LOADED_ENGINEER_COST_PER_YEAR = "250000";
/** Savings over the horizon must return this multiple of the effort's cost (the 5x rule). */
export const REQUIRED_RETURN_MULTIPLE = "5";
export const DEFAULT_HORIZON_MONTHS = 12;
/** A dedicated team makes sense once infrastructure costs 10x what the team would. */
export const DEDICATED_TEAM_SPEND_MULTIPLE = "10";
const WEEKS_PER_YEAR = 52;

export interface CalculatorInput {
  loadedEngineerCostPerYear: string;
  effortEngineerWeeks: string;
  savingsPerMonth: string;
  horizonMonths: number;
  requiredReturnMultiple: string;
  efficiencyTeamEngineers: number;
  /** Infrastructure spend per month, for the dedicated-team check and engineer-equivalents. */
  infraCostPerMonth: string;
}

export interface CalculatorResult {
  engineerWeekCost: string;
  effortCost: string;
  savingsOverHorizon: string;
  /** savingsOverHorizon / effortCost; null for zero effort. */
  returnMultiple: string | null;
  /** effortCost / savingsPerMonth; null when nothing is saved. */
  paybackMonths: string | null;
  /** The least monthly saving that makes the effort worth it. */
  breakEvenSavingsPerMonth: string;
  worthIt: boolean;
  efficiencyTeam: {
    costPerYear: string;
    requiredSavingsPerYear: string;
    infraCostPerYear: string;
    /** infraCostPerYear / costPerYear; null for an empty team. */
    infraToTeamMultiple: string | null;
    infraOverTenTimesTeam: boolean | null;
  };
  /** infraCostPerMonth in engineers' loaded monthly cost; null when that cost is zero. */
  infraInEngineers: string | null;
}

/** Engineers whose loaded cost equals `amountPerMonth`; null when the loaded cost is zero. */
export function engineerEquivalents(amountPerMonth: string, loadedEngineerCostPerYear: string): string | null {
  const perMonth = new Decimal(loadedEngineerCostPerYear).div(12);
  return perMonth.isZero() ? null : new Decimal(amountPerMonth).div(perMonth).toDecimalPlaces(2).toString();
}

export function calculateDecision(input: CalculatorInput): CalculatorResult {
  const weekCost = new Decimal(input.loadedEngineerCostPerYear).div(WEEKS_PER_YEAR);
  const effortCost = weekCost.times(input.effortEngineerWeeks);
  const savings = new Decimal(input.savingsPerMonth).times(input.horizonMonths);
  const required = new Decimal(input.requiredReturnMultiple);
  const teamCost = new Decimal(input.loadedEngineerCostPerYear).times(input.efficiencyTeamEngineers);
  const infraPerYear = new Decimal(input.infraCostPerMonth).times(12);
  const money = (d: Decimal) => d.toDecimalPlaces(2).toString();
  return {
    engineerWeekCost: money(weekCost),
    effortCost: money(effortCost),
    savingsOverHorizon: money(savings),
    returnMultiple: effortCost.isZero() ? null : savings.div(effortCost).toDecimalPlaces(2).toString(),
    paybackMonths: new Decimal(input.savingsPerMonth).lte(0) ? null : effortCost.div(input.savingsPerMonth).toDecimalPlaces(2).toString(),
    breakEvenSavingsPerMonth: input.horizonMonths > 0 ? money(effortCost.times(required).div(input.horizonMonths)) : "0",
    worthIt: savings.gt(0) && savings.gte(effortCost.times(required)),
    efficiencyTeam: {
      costPerYear: money(teamCost),
      requiredSavingsPerYear: money(teamCost.times(required)),
      infraCostPerYear: money(infraPerYear),
      infraToTeamMultiple: teamCost.isZero() ? null : infraPerYear.div(teamCost).toDecimalPlaces(2).toString(),
      infraOverTenTimesTeam: teamCost.isZero() ? null : infraPerYear.gte(teamCost.times(DEDICATED_TEAM_SPEND_MULTIPLE)),
    },
    infraInEngineers: engineerEquivalents(input.infraCostPerMonth, input.loadedEngineerCostPerYear),
  };
}
