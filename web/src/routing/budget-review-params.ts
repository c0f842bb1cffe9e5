// The Budget review's choices, kept in the URL: ?month=YYYY-MM (default: the newest billed month)
// and ?threshold= (the over-budget rule as a fraction, default 0.02 = 2%).
import { useHashLocation, updateHashParams } from "./hash-location";
import type { DashboardDefaults } from "../../../api/dashboard-defaults";

export const DEFAULT_BUDGET_THRESHOLD: DashboardDefaults["budgetThreshold"] = "0.02"; // typed by the API's literal (warmed view)
export const BUDGET_THRESHOLDS = ["0", "0.02", "0.05", "0.1"] as const;

export function useBudgetReviewParams() {
  const { params } = useHashLocation();
  const month = params.get("month");
  const threshold = params.get("threshold");
  return {
    month: month && /^\d{4}-\d{2}$/.test(month) ? month : undefined,
    threshold: threshold && /^(0(\.\d{1,6})?|1)$/.test(threshold) ? threshold : DEFAULT_BUDGET_THRESHOLD,
    setMonth: (next: string) => updateHashParams({ month: next }),
    setThreshold: (next: string) => updateHashParams({ threshold: next === DEFAULT_BUDGET_THRESHOLD ? undefined : next }),
  };
}

/** The months a review can pick: the newest billed month and the 12 before it, newest first. */
export function reviewableMonths(newest: string, count = 13): string[] {
  const months: string[] = [];
  const date = new Date(`${newest}-01T00:00:00Z`);
  for (let i = 0; i < count; i += 1) {
    months.push(date.toISOString().slice(0, 7));
    date.setUTCMonth(date.getUTCMonth() - 1);
  }
  return months;
}
