// Drill-down per team for a month: its cost, its own operations and unit cost (vs the month
// before), its engineers and overhead per engineer, and its cost in engineer-equivalents.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import { lastDayOfMonth, previousMonth } from "../../db/calendar";
import type { Measure } from "../../db/queries/measure";
import { getMonthlyCostBreakdown, listTeamNames, type MonthTeamEnvironmentCost } from "../../db/queries/efficiency-costs";
import { getHeadcount, getMonthlyOperationsByTeam, getVendors, type MonthTeamOperations } from "../../db/queries/business-inputs";
import { change } from "../../db/queries/ratio";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { getEfficiencyWindow } from "./efficiency-window";
import { unitCost, DEFAULT_MIN_VOLUME, DEFAULT_UNIT_N } from "./unit-cost";
import { monthlyOverhead } from "./engineer-overhead";
import { engineerEquivalents, DEFAULT_LOADED_ENGINEER_COST_PER_YEAR } from "./decision-calculator";
import { normaliseEnvironment } from "./environment-split";

export interface TeamEfficiencyParams {
  measure: Measure;
  month?: string;
  n?: number;
  /** Environments whose cost the unit cost divides (default production). */
  environments?: string[];
  loadedEngineerCostPerYear?: string;
}

export async function getTeamEfficiency(db: DbOrTx, params: TeamEfficiencyParams) {
  const window = await getEfficiencyWindow(db);
  const n = params.n ?? DEFAULT_UNIT_N;
  const environments = params.environments ?? ["production"];
  const month = params.month ?? window?.lastFullMonth ?? null;
  const loaded = params.loadedEngineerCostPerYear ?? DEFAULT_LOADED_ENGINEER_COST_PER_YEAR;
  if (!window || !month) return { lastCompleteBillingDay: null, month: null, previousMonth: null, n, environments, loadedEngineerCostPerYear: loaded, teams: [] };
  const before = previousMonth(month);
  const to = lastDayOfMonth(month) < window.to ? lastDayOfMonth(month) : window.to;
  const from = `${before}-01`;
  const [names, costs, operations, headcount, vendors] = await Promise.all([
    listTeamNames(db),
    getMonthlyCostBreakdown(db, { measure: params.measure, from, to }),
    getMonthlyOperationsByTeam(db, { from, to }),
    getHeadcount(db),
    getVendors(db),
  ]);
  const hasUnattributed = costs.some((c) => c.teamId === UNATTRIBUTED_TEAM_ID) && !names.some((t) => t.id === UNATTRIBUTED_TEAM_ID);
  const teams = [...names, ...(hasUnattributed ? [{ id: UNATTRIBUTED_TEAM_ID, name: "Unattributed" }] : [])].map(({ id, name }) => {
    const metric = primaryMetric(operations, id, month);
    const unit = (m: string) => {
      const scopeCost = sumCost(costs, id, m, environments);
      const volume = metric ? sumOperations(operations, id, m, metric) : "0";
      return { scopeCost, volume, value: unitCost(scopeCost, volume, { n, minVolume: DEFAULT_MIN_VOLUME }) };
    };
    const current = unit(month);
    const previous = unit(before);
    const [overhead] = monthlyOverhead([month], costs, headcount, vendors, id);
    const totalCost = sumCost(costs, id, month);
    return {
      teamId: id,
      name,
      totalCost,
      scopeCost: current.scopeCost,
      metric,
      operations: current.volume,
      unitCost: current.value,
      previousUnitCost: previous.value,
      unitCostChange: current.value !== null && previous.value !== null ? change(current.value, previous.value) : null,
      engineers: overhead!.engineers,
      overhead: overhead!.overhead,
      overheadPerEngineer: overhead!.perEngineer,
      costInEngineers: engineerEquivalents(totalCost, loaded),
    };
  });
  teams.sort((a, b) => new Decimal(b.totalCost).comparedTo(a.totalCost) || a.teamId.localeCompare(b.teamId));
  return { lastCompleteBillingDay: window.lastCompleteBillingDay, month, previousMonth: before, n, environments, loadedEngineerCostPerYear: loaded, teams };
}

function sumCost(costs: readonly MonthTeamEnvironmentCost[], teamId: string, month: string, environments?: readonly string[]): string {
  return costs
    .filter((c) => c.teamId === teamId && c.month === month && (!environments || environments.includes(normaliseEnvironment(c.environment))))
    .reduce((sum, c) => sum.plus(c.amount), new Decimal(0))
    .toString();
}

function sumOperations(operations: readonly MonthTeamOperations[], teamId: string, month: string, metric: string): string {
  return operations.filter((o) => o.teamId === teamId && o.month === month && o.metric === metric).reduce((sum, o) => sum.plus(o.count), new Decimal(0)).toString();
}

/** The team's highest-volume metric in the month (a team usually owns one product metric). */
function primaryMetric(operations: readonly MonthTeamOperations[], teamId: string, month: string): string | null {
  const own = operations.filter((o) => o.teamId === teamId && o.month === month);
  own.sort((a, b) => new Decimal(b.count).comparedTo(a.count) || a.metric.localeCompare(b.metric));
  return own[0]?.metric ?? null;
}
