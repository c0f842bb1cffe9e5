// One well-formed metric from its trend: the value is the last point, the change is against the
// point before, the status compares the value with the goal in the metric's direction. Pure.
import Decimal from "decimal.js";
import { change } from "../../db/queries/ratio";
import type { ReviewMetric, ReviewTrendPoint } from "../../db/domain/review-model";

export type MetricInput = Omit<ReviewMetric, "value" | "status" | "change">;

export function reviewMetric(input: MetricInput): ReviewMetric {
  const current = input.trend.at(-1) ?? null;
  const previous: ReviewTrendPoint | null = input.trend.length > 1 ? input.trend.at(-2)! : null;
  const value = current?.value ?? null;
  return {
    ...input,
    value,
    status: metricStatus(value, input.goal?.value ?? null, input.direction),
    change: value !== null && previous?.value != null ? change(value, previous.value) : null,
  };
}

export function metricStatus(value: string | null, goal: string | null, direction: ReviewMetric["direction"]): ReviewMetric["status"] {
  if (value === null) return "no_value";
  if (goal === null) return "no_goal";
  const over = new Decimal(value).gt(goal);
  const under = new Decimal(value).lt(goal);
  return (direction === "lower_is_better" ? over : under) ? "off_target" : "on_target";
}

/** Sums decimal strings; null if every part is null. */
export function sumOrNull(values: readonly (string | null | undefined)[]): string | null {
  const present = values.filter((v): v is string => v !== null && v !== undefined);
  return present.length ? present.reduce((sum, v) => sum.plus(v), new Decimal(0)).toString() : null;
}
