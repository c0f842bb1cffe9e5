// What each dashboard page asks for before anyone picks anything: the views the read cache warms
// (api/default-views.ts). The web bundle takes only types from api/, so it states its own defaults
// typed by these literals (`DashboardDefaults["measure"]`, ...): changing one side without the
// other fails the typecheck, and the warmed views cannot drift from what the pages request.
export const DASHBOARD_DEFAULTS = {
  measure: "amortized",
  /** Overview: months of history. */
  overviewMonths: 14,
  /** Team and Ownership pages: the preset period, in days ending on the last complete billing day. */
  periodDays: 90,
  /** Teams page, org roll-up card: month to date. */
  orgRollupPeriod: "mtd",
  /** Budget review: the over-budget threshold (a fraction). */
  budgetThreshold: "0.02",
  budgetAuditLimit: 200,
  ownershipAuditLimit: 50,
  /** Efficiency page, the calculator's inputs. */
  calculator: { loadedEngineerCostPerYear: "250000", effortEngineerWeeks: "1", savingsPerMonth: "10000", horizonMonths: "12", efficiencyTeamEngineers: "2" },
} as const;

export type DashboardDefaults = typeof DASHBOARD_DEFAULTS;
