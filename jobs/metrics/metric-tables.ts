// Every table on the Efficiency page as rows for CSV export (the same numbers the JSON carries).
import type { getEfficiencyCards } from "./get-efficiency-cards";
import type { getTeamEfficiency } from "./get-team-efficiency";
import type { getRevenueView } from "./get-revenue-view";
import type { getEnvironmentView } from "./get-environment-view";
import type { getOperatingMode } from "./get-operating-mode";

export const METRIC_TABLES = ["unit-cost", "unit-cost-daily", "engineer-overhead", "teams", "revenue", "environments", "operating-mode"] as const;
export type MetricTable = (typeof METRIC_TABLES)[number];

interface Table {
  columns: string[];
  rows: Record<string, unknown>[];
}

type Cards = Awaited<ReturnType<typeof getEfficiencyCards>>;

export function unitCostTable(cards: Cards, daily: boolean): Table {
  const points = daily ? cards.unitCostDaily : cards.unitCostMonthly;
  return {
    columns: [daily ? "day" : "month", "metric", "n", "cost_usd", "operations", "unit_cost_usd", "complete"],
    rows: points.map((p) => ({ [daily ? "day" : "month"]: p.period, metric: cards.metric, n: cards.n, cost_usd: p.cost, operations: p.volume, unit_cost_usd: p.value, complete: p.complete ? "yes" : "no" })),
  };
}

export function overheadTable(cards: Cards): Table {
  return {
    columns: ["month", "non_production_cost_usd", "vendor_tooling_usd", "overhead_usd", "engineers", "overhead_per_engineer_usd"],
    rows: cards.overheadMonthly.map((p) => ({ month: p.month, non_production_cost_usd: p.nonProductionCost, vendor_tooling_usd: p.vendorTooling, overhead_usd: p.overhead, engineers: p.engineers, overhead_per_engineer_usd: p.perEngineer })),
  };
}

export function teamsTable(view: Awaited<ReturnType<typeof getTeamEfficiency>>): Table {
  return {
    columns: ["month", "team_id", "team", "total_cost_usd", "scope_cost_usd", "metric", "operations", "unit_cost_usd", "previous_unit_cost_usd", "engineers", "overhead_usd", "overhead_per_engineer_usd", "cost_in_engineers"],
    rows: view.teams.map((t) => ({
      month: view.month,
      team_id: t.teamId,
      team: t.name,
      total_cost_usd: t.totalCost,
      scope_cost_usd: t.scopeCost,
      metric: t.metric,
      operations: t.operations,
      unit_cost_usd: t.unitCost,
      previous_unit_cost_usd: t.previousUnitCost,
      engineers: t.engineers,
      overhead_usd: t.overhead,
      overhead_per_engineer_usd: t.overheadPerEngineer,
      cost_in_engineers: t.costInEngineers,
    })),
  };
}

export function revenueTable(view: Awaited<ReturnType<typeof getRevenueView>>): Table {
  return {
    columns: ["month", "revenue_usd", "infra_cost_usd", "share_of_revenue", "goal"],
    rows: (view?.months ?? []).map((m) => ({ month: m.month, revenue_usd: m.revenue, infra_cost_usd: m.infraCost, share_of_revenue: m.share, goal: m.goal })),
  };
}

export function environmentsTable(view: Awaited<ReturnType<typeof getEnvironmentView>>): Table {
  return {
    columns: ["month", "environment", "cost_usd", "share", "goal_usd", "goal_team", "over_goal_usd", "status"],
    rows: view.rows.map((r) => ({ month: view.month, environment: r.environment, cost_usd: r.amount, share: r.share, goal_usd: r.goal?.targetValue, goal_team: r.goal?.teamId, over_goal_usd: r.overGoal, status: r.status })),
  };
}

export function operatingModeTable(view: Awaited<ReturnType<typeof getOperatingMode>>): Table {
  return {
    columns: ["month", "mode", "diagnosed", "question", "answer", "needs_attention", "reasoning"],
    rows: (view?.modes ?? []).flatMap((mode) =>
      mode.checks.map((check) => ({
        month: view!.month,
        mode: mode.mode,
        diagnosed: mode.mode === view!.diagnosed ? "yes" : "no",
        question: check.question,
        answer: check.answer === null ? "" : check.answer ? "yes" : "no",
        needs_attention: check.concern === null ? "" : check.concern ? "yes" : "no",
        reasoning: check.reasoning,
      })),
    ),
  };
}
