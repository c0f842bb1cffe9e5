// The coarse split of spend: production / development environments / data engineering, each
// against a goal owned by a team; shared and unknown spend shown beside it, never dropped.
import Decimal from "decimal.js";
import { ratio } from "../../db/queries/ratio";
import { GOAL_KEYS, goalForPeriod, type Goal } from "../../db/domain/metric-goals";

export const SPLIT_ENVIRONMENTS = ["production", "development", "data", "shared", "unknown"] as const;
export type SplitEnvironment = (typeof SPLIT_ENVIRONMENTS)[number];

export interface EnvironmentCost {
  /** attributed_costs.environment; null (no environment known) becomes "unknown". */
  environment: string | null;
  amount: string;
}

export interface EnvironmentSplitRow {
  environment: SplitEnvironment;
  amount: string;
  /** amount / month total; null when the total is zero. */
  share: string | null;
  goal: { targetValue: string; teamId: string | null; appliesFrom: string } | null;
  /** amount - target; positive is over the goal. */
  overGoal: string | null;
  status: "on_target" | "over_target" | "no_goal";
}

export function normaliseEnvironment(environment: string | null): SplitEnvironment {
  return (SPLIT_ENVIRONMENTS as readonly string[]).includes(environment ?? "") ? (environment as SplitEnvironment) : "unknown";
}

/** One row per environment (all five, zero-filled) for a month, with the month's goals. */
export function environmentSplit(month: string, costs: readonly EnvironmentCost[], goals: readonly Goal[]): EnvironmentSplitRow[] {
  const sums = new Map<SplitEnvironment, Decimal>(SPLIT_ENVIRONMENTS.map((e) => [e, new Decimal(0)]));
  for (const cost of costs) {
    const key = normaliseEnvironment(cost.environment);
    sums.set(key, sums.get(key)!.plus(cost.amount));
  }
  const total = [...sums.values()].reduce((a, b) => a.plus(b), new Decimal(0)).toString();
  return SPLIT_ENVIRONMENTS.map((environment) => {
    const amount = sums.get(environment)!.toString();
    const goal = goalForPeriod(goals, GOAL_KEYS.environment(environment), month);
    const overGoal = goal ? new Decimal(amount).minus(goal.targetValue).toString() : null;
    return {
      environment,
      amount,
      share: ratio(amount, total),
      goal: goal ? { targetValue: goal.targetValue, teamId: goal.teamId, appliesFrom: goal.appliesFrom } : null,
      overGoal,
      status: overGoal === null ? "no_goal" : new Decimal(overGoal).gt(0) ? "over_target" : "on_target",
    };
  });
}
