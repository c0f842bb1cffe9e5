// Which operating mode the company is in for infrastructure cost (early stage, growth, late stage,
// from seeds/efficiency-managing-infrastructure-costs.txt) and each mode's checks with the reasoning.
import Decimal from "decimal.js";
import type { RevenueShareTrend } from "./revenue-share";
import { earlyStageChecks } from "./early-stage-checks";
import { describeShare, describeUsd, type ModeCheck } from "./mode-check";

export type OperatingMode = "early" | "growth" | "late";

/** Revenue growing at least this much per quarter (~22% a year) means growth mode. */
export const GROWTH_MODE_QUARTERLY_GROWTH = "0.05";

export interface OperatingModeInput {
  month: string; // the last full month, whose figures are used
  revenue: string | null;
  cash: string | null;
  netBurn: string | null;
  /** Cloud cost of the month plus the vendor contracts in force in it. */
  infraCost: string;
  engineers: number | null;
  revenueQuarterlyGrowth: string | null;
  shareTrend: RevenueShareTrend;
  unitCost: { label: string; value: string | null; target: string | null };
  overheadPerEngineer: { value: string | null; target: string | null };
}

export interface ModeAssessment {
  mode: OperatingMode;
  title: string;
  checks: ModeCheck[];
  /** True when a check asks for attention to cost in this mode. */
  actNow: boolean;
  verdict: string;
}

export interface OperatingModeDiagnosis {
  month: string;
  diagnosed: OperatingMode;
  reasoning: string;
  modes: ModeAssessment[];
}

export function diagnoseOperatingMode(input: OperatingModeInput): OperatingModeDiagnosis {
  const { diagnosed, reasoning } = chooseMode(input);
  const early = earlyStageChecks(input);
  const growth = growthChecks(input);
  const late = lateStageChecks(input);
  const modes: ModeAssessment[] = [
    assess("early", "Early stage", early, "Over a check: invest a sprint in reducing spend, then go back to ignoring it.", "Both checks pass: keep ignoring infrastructure spend."),
    assess("growth", "Growth", growth, "Infrastructure is growing faster than revenue: find what accelerated.", "The share of revenue is not rising: current efficiency work is enough."),
    assess("late", "Late stage", late, "Over target: time to dive into reducing the unit numbers.", "Both unit numbers are within their targets."),
  ];
  return { month: input.month, diagnosed, reasoning, modes };
}

function assess(mode: OperatingMode, title: string, checks: ModeCheck[], actVerdict: string, calmVerdict: string): ModeAssessment {
  const actNow = checks.some((c) => c.concern === true);
  const unknown = checks.every((c) => c.concern === null);
  return { mode, title, checks, actNow, verdict: unknown ? "Not enough data to judge." : actNow ? actVerdict : calmVerdict };
}

function chooseMode(input: OperatingModeInput): { diagnosed: OperatingMode; reasoning: string } {
  if (input.revenue === null || input.netBurn === null) return { diagnosed: "early", reasoning: `No revenue figures for ${input.month}: treated as early stage.` };
  if (new Decimal(input.revenue).lt(input.netBurn)) {
    return { diagnosed: "early", reasoning: `Revenue (${describeUsd(input.revenue)}) is below net burn (${describeUsd(input.netBurn)}) in ${input.month}: early stage.` };
  }
  const growth = input.revenueQuarterlyGrowth;
  if (growth !== null && new Decimal(growth).gte(GROWTH_MODE_QUARTERLY_GROWTH)) {
    return { diagnosed: "growth", reasoning: `Revenue grew ${describeShare(growth)} over the last quarter (at least ${describeShare(GROWTH_MODE_QUARTERLY_GROWTH)}): growth mode.` };
  }
  return {
    diagnosed: "late",
    reasoning: growth === null ? "Revenue covers net burn but its growth is unknown: late stage." : `Revenue grew ${describeShare(growth)} over the last quarter (under ${describeShare(GROWTH_MODE_QUARTERLY_GROWTH)}): late stage, where cost targets matter.`,
  };
}

function growthChecks(input: OperatingModeInput): ModeCheck[] {
  const { lastQuarter, previousQuarter, rising } = input.shareTrend;
  const reasoning =
    rising === null || !lastQuarter || !previousQuarter
      ? "Needs two whole quarters of revenue."
      : `Infrastructure was ${describeShare(lastQuarter.share)} of revenue in ${lastQuarter.start}..${lastQuarter.end}, ${describeShare(previousQuarter.share)} the quarter before: ${rising ? "rising" : "not rising"}.`;
  return [{ key: "share-of-revenue-rising", question: "Is infrastructure's share of revenue rising?", answer: rising, concern: rising, reasoning, figures: { lastQuarterShare: lastQuarter?.share ?? null, previousQuarterShare: previousQuarter?.share ?? null } }];
}

function lateStageChecks(input: OperatingModeInput): ModeCheck[] {
  const over = (value: string | null, target: string | null) => (value === null || target === null ? null : new Decimal(value).gt(target));
  const unit = over(input.unitCost.value, input.unitCost.target);
  const overhead = over(input.overheadPerEngineer.value, input.overheadPerEngineer.target);
  const describe = (name: string, value: string | null, target: string | null, isOver: boolean | null) =>
    isOver === null ? `${name}: ${value === null ? "no value" : describeUsd(value)}, ${target === null ? "no target set" : `target ${describeUsd(target)}`}.` : `${name} is ${describeUsd(value!)} against a target of ${describeUsd(target!)}: ${isOver ? "over" : "within"}.`;
  return [
    { key: "unit-cost-over-target", question: `Is infrastructure ${input.unitCost.label} over target?`, answer: unit, concern: unit, reasoning: describe(`Cost ${input.unitCost.label}`, input.unitCost.value, input.unitCost.target, unit), figures: { value: input.unitCost.value, target: input.unitCost.target } },
    { key: "overhead-over-target", question: "Is infrastructure overhead per engineer over target?", answer: overhead, concern: overhead, reasoning: describe("Overhead per engineer", input.overheadPerEngineer.value, input.overheadPerEngineer.target, overhead), figures: { value: input.overheadPerEngineer.value, target: input.overheadPerEngineer.target } },
  ];
}
