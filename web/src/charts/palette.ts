// One palette for every chart, so a colour means the same kind of thing everywhere.
export const SERIES_COLORS = ["#4f46e5", "#0ea5e9", "#14b8a6", "#f59e0b", "#ec4899", "#8b5cf6", "#84cc16", "#f97316"] as const;
export const OTHER_COLOR = "#94a3b8";

export const ATTRIBUTED_COLOR = "#4f46e5";
export const UNATTRIBUTED_COLOR = "#f59e0b";

/** Keyed by attributed_costs.decided_by. */
export const DECIDED_BY_COLORS: Record<string, string> = {
  resource: "#8b5cf6",
  tag: "#4f46e5",
  service: "#14b8a6",
  account: "#0ea5e9",
  split: "#ec4899",
  "pod-label": "#6366f1",
  namespace: "#0d9488",
  cluster: "#0284c7",
  idle: "#78716c",
  unattributed: UNATTRIBUTED_COLOR,
};

export const AXIS_COLOR = "#64748b";
export const GRID_COLOR = "#e2e8f0";

/** The API names the summed tail of a breakdown "Other" (db/queries/team-detail.ts). */
export function seriesColor(key: string, index: number): string {
  return key === "Other" ? OTHER_COLOR : SERIES_COLORS[index % SERIES_COLORS.length]!;
}
