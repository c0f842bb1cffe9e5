// A well-formed metric: its current value, the goal in force, the trend, and the change vs the
// period before. Ratios are absent (null) when a base is zero or a value is missing.
import Decimal from "decimal.js";
import { change } from "../../db/queries/ratio";
import { goalForPeriod, type Goal } from "../../db/domain/metric-goals";

export interface TrendPoint {
  period: string;
  value: string | null;
}

export interface MetricCard {
  key: string;
  label: string;
  /** "per 10,000 searches", "per engineer per month". */
  unitLabel: string;
  period: string | null;
  value: string | null;
  goal: { targetValue: string; unitN: number; appliesFrom: string; teamId: string | null } | null;
  /** value / target - 1: +0.12 is 12% over the goal; null without a goal or a value. */
  versusGoal: string | null;
  status: "on_target" | "over_target" | "no_goal" | "no_value";
  previous: TrendPoint | null;
  change: { amount: string; ratio: string | null } | null;
  trend: TrendPoint[];
}

/** The card for `period` (the last point with that period); trend is every point up to it. */
export function metricCard(input: { key: string; label: string; unitLabel: string; goalKey: string; trend: TrendPoint[]; period: string | null; goals: readonly Goal[]; unitN?: number }): MetricCard {
  const index = input.period === null ? -1 : input.trend.findIndex((p) => p.period === input.period);
  const current = index >= 0 ? input.trend[index]! : null;
  const previous = index > 0 ? input.trend[index - 1]! : null;
  const found = input.period ? goalForPeriod(input.goals, input.goalKey, input.period) : null;
  const goal = found && input.unitN !== undefined ? scaleGoal(found, input.unitN) : found;
  const value = current?.value ?? null;
  const versusGoal = value !== null && goal && !new Decimal(goal.targetValue).isZero() ? new Decimal(value).div(goal.targetValue).minus(1).toDecimalPlaces(6).toString() : null;
  return {
    key: input.key,
    label: input.label,
    unitLabel: input.unitLabel,
    period: current?.period ?? null,
    value,
    goal: goal ? { targetValue: goal.targetValue, unitN: goal.unitN, appliesFrom: goal.appliesFrom, teamId: goal.teamId } : null,
    versusGoal,
    status: value === null ? "no_value" : !goal ? "no_goal" : new Decimal(value).gt(goal.targetValue) ? "over_target" : "on_target",
    previous,
    change: value !== null && previous?.value != null ? change(value, previous.value) : null,
    trend: index >= 0 ? input.trend.slice(0, index + 1) : input.trend,
  };
}

/** A goal restated per another N: "$1.00 per 10,000" is "$0.10 per 1,000". */
export function scaleGoal(goal: Goal, unitN: number): Goal {
  if (goal.unitN === unitN || goal.unitN <= 0) return goal;
  return { ...goal, unitN, targetValue: new Decimal(goal.targetValue).times(unitN).div(goal.unitN).toDecimalPlaces(6).toString() };
}
