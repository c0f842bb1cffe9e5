// The two early-stage checks: would $0 infrastructure extend runway by two months, and is
// infrastructure over $2,000 per employee per month? Failing neither means keep ignoring cost.
import Decimal from "decimal.js";
import { describeMonths, describeUsd, type ModeCheck } from "./mode-check";

export const RUNWAY_EXTENSION_MONTHS = "2";
export const INFRA_PER_EMPLOYEE_LIMIT = "2000";

export interface RunwayFigures {
  /** Months of cash at the current net burn; null when not burning cash. */
  runwayMonths: string | null;
  /** The same with infrastructure at $0; null when that makes the company cash-flow positive. */
  runwayWithoutInfraMonths: string | null;
  /** Null when either runway is unbounded (then the extension is unbounded or none). */
  extensionMonths: string | null;
  extendsByTwoMonths: boolean | null;
}

/** Runway now and with $0 infrastructure, from month-end cash and monthly net burn. */
export function runwayWithoutInfra(cash: string, netBurn: string, infraCost: string): RunwayFigures {
  const burn = new Decimal(netBurn);
  if (burn.lte(0)) return { runwayMonths: null, runwayWithoutInfraMonths: null, extensionMonths: null, extendsByTwoMonths: false };
  const runway = new Decimal(cash).div(burn);
  const burnWithout = burn.minus(infraCost);
  if (burnWithout.lte(0)) return { runwayMonths: runway.toDecimalPlaces(2).toString(), runwayWithoutInfraMonths: null, extensionMonths: null, extendsByTwoMonths: true };
  const without = new Decimal(cash).div(burnWithout);
  const extension = without.minus(runway);
  return {
    runwayMonths: runway.toDecimalPlaces(2).toString(),
    runwayWithoutInfraMonths: without.toDecimalPlaces(2).toString(),
    extensionMonths: extension.toDecimalPlaces(2).toString(),
    extendsByTwoMonths: extension.gte(RUNWAY_EXTENSION_MONTHS),
  };
}

export function earlyStageChecks(input: { cash: string | null; netBurn: string | null; infraCost: string; engineers: number | null }): ModeCheck[] {
  return [runwayCheck(input), perEmployeeCheck(input)];
}

function runwayCheck(input: { cash: string | null; netBurn: string | null; infraCost: string }): ModeCheck {
  const question = "Would $0 infrastructure extend runway by at least two months?";
  if (input.cash === null || input.netBurn === null) {
    return { key: "runway-extension", question, answer: null, concern: null, reasoning: "Needs month-end cash and net burn (revenue.csv).", figures: {} };
  }
  const r = runwayWithoutInfra(input.cash, input.netBurn, input.infraCost);
  const figures = { cash: input.cash, netBurn: input.netBurn, infraCost: input.infraCost, runwayMonths: r.runwayMonths, runwayWithoutInfraMonths: r.runwayWithoutInfraMonths, extensionMonths: r.extensionMonths };
  let reasoning: string;
  if (r.runwayMonths === null) reasoning = `Net burn is ${describeUsd(input.netBurn)}: the company is not burning cash, so infrastructure does not shorten runway.`;
  else if (r.runwayWithoutInfraMonths === null) reasoning = `Infrastructure (${describeUsd(input.infraCost)}/month) is more than the whole net burn (${describeUsd(input.netBurn)}): without it the company would not burn cash at all.`;
  else reasoning = `${describeUsd(input.cash)} of cash at ${describeUsd(input.netBurn)}/month net burn is ${describeMonths(r.runwayMonths)} of runway; without ${describeUsd(input.infraCost)}/month of infrastructure it would be ${describeMonths(r.runwayWithoutInfraMonths)}, ${describeMonths(r.extensionMonths!)} more.`;
  return { key: "runway-extension", question, answer: r.extendsByTwoMonths, concern: r.extendsByTwoMonths, reasoning, figures };
}

function perEmployeeCheck(input: { infraCost: string; engineers: number | null }): ModeCheck {
  const question = "Is infrastructure over $2,000 per employee per month?";
  if (!input.engineers) return { key: "infra-per-employee", question, answer: null, concern: null, reasoning: "Needs headcount (headcount.csv).", figures: {} };
  const perEmployee = new Decimal(input.infraCost).div(input.engineers).toDecimalPlaces(2);
  const over = perEmployee.gte(INFRA_PER_EMPLOYEE_LIMIT);
  // Headcount lists engineers only, so this is per engineer: an upper bound of the per-employee figure.
  const reasoning = `${describeUsd(input.infraCost)}/month over ${input.engineers} engineers is ${describeUsd(perEmployee.toString())} per engineer (headcount counts engineers only, so per employee it is at most this): ${over ? "over" : "under"} $2,000.`;
  return { key: "infra-per-employee", question, answer: over, concern: over, reasoning, figures: { infraCost: input.infraCost, engineers: String(input.engineers), perEmployee: perEmployee.toString(), limit: INFRA_PER_EMPLOYEE_LIMIT } };
}
