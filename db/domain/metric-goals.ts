// Goals are effective-dated: the goal for a period is the latest one in force on its last day.
import { lastDayOfMonth } from "../calendar";

export interface Goal {
  metricKey: string;
  appliesFrom: string; // YYYY-MM-DD
  targetValue: string; // decimal string
  unitN: number;
  teamId: string | null;
}

/** The metric keys the app reads goals for; other keys are stored and exported but not read. */
export const GOAL_KEYS = {
  unitCost: (metric: string) => `unit_cost.${metric}`,
  engineerOverhead: "engineer_overhead",
  revenueShare: "infra_share_of_revenue",
  environment: (environment: string) => `environment.${environment}`,
} as const;

/** The goal in force on `day` (inclusive), or null. */
export function goalOn(goals: readonly Goal[], metricKey: string, day: string): Goal | null {
  let best: Goal | null = null;
  for (const goal of goals) {
    if (goal.metricKey !== metricKey || goal.appliesFrom > day) continue;
    if (!best || goal.appliesFrom > best.appliesFrom) best = goal;
  }
  return best;
}

/** The goal for a month (YYYY-MM) or a day (YYYY-MM-DD): in force on the period's last day. */
export function goalForPeriod(goals: readonly Goal[], metricKey: string, period: string): Goal | null {
  return goalOn(goals, metricKey, period.length === 7 ? lastDayOfMonth(period) : period);
}

/** The metric (searches, ...) of the first unit-cost goal, for the headline when none is asked for. */
export function headlineUnitMetric(goals: readonly Goal[]): string | null {
  const keys = goals.map((g) => g.metricKey).filter((key) => key.startsWith("unit_cost.")).sort();
  return keys[0]?.slice("unit_cost.".length) ?? null;
}
