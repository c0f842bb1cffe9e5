// Unit cost per N operations and overhead per engineer of a scope per period, from the functions
// behind /api/metrics/efficiency (production cost of the scope's teams over the headline metric)
// and /api/metrics/teams (each team's own overhead and engineers, summed for a group or org).
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import { lastDayOfMonth, monthsBetween, monthOf } from "../../db/calendar";
import type { Measure } from "../../db/queries/measure";
import { getMonthlyCostBreakdown } from "../../db/queries/efficiency-costs";
import { getGoals, getHeadcount, getVendors, listOperationMetrics } from "../../db/queries/business-inputs";
import { getEfficiencyCards, DEFAULT_UNIT_COST_SCOPE } from "../metrics/get-efficiency-cards";
import { unitCost, DEFAULT_MIN_VOLUME } from "../metrics/unit-cost";
import { monthlyOverhead, type OverheadPoint } from "../metrics/engineer-overhead";
import { GOAL_KEYS, goalForPeriod, headlineUnitMetric, type Goal } from "../../db/domain/metric-goals";
import { scaleGoal } from "../metrics/metric-card";
import type { ReviewPeriod } from "../../db/domain/review-period";
import type { ResolvedScope } from "./review-scope";
import type { ReviewTrendPoint } from "../../db/domain/review-model";

export interface UnitCostSeries {
  metric: string | null;
  n: number;
  trend: ReviewTrendPoint[];
  goal: string | null;
  /** The API call with the same numbers (per month). */
  source: string;
}

const MAX_MONTHS = 36;

/**
 * The company's headline unit cost, or a part's own: its production cost over its own operations of
 * the metric it records (the headline one if it has it). Null for a part with no operations: the
 * company's cost per search says nothing about a team that does no searches.
 */
export async function unitCostByPeriod(db: DbOrTx, scope: ResolvedScope, periods: readonly ReviewPeriod[], measure: Measure, lastDay: string | null): Promise<UnitCostSeries | null> {
  const first = periods[0]!.months[0]!;
  const months = lastDay ? Math.min(MAX_MONTHS, Math.max(1, monthsBetween(first, monthOf(lastDay)).length)) : 1;
  const goals = await getGoals(db);
  const metric = scope.kind === "company" ? undefined : await ownMetric(db, scope.teamIds, goals);
  if (metric === null) return null;
  const own = scope.kind === "company" ? {} : { scope: { ...DEFAULT_UNIT_COST_SCOPE, teams: scope.teamIds }, operationTeams: scope.teamIds, metric };
  const cards = await getEfficiencyCards(db, { measure, scope: DEFAULT_UNIT_COST_SCOPE, months, ...own });
  const byMonth = new Map(cards.unitCostMonthly.map((p) => [p.period, p]));
  const trend = periods.map((period) => {
    const points = period.months.map((m) => byMonth.get(m)).filter((p) => p !== undefined);
    if (!points.length) return { period: period.label, value: null };
    const cost = points.reduce((sum, p) => sum.plus(p.cost), new Decimal(0)).toString();
    const volume = points.reduce((sum, p) => sum.plus(p.volume), new Decimal(0)).toString();
    return { period: period.label, value: unitCost(cost, volume, { n: cards.n, minVolume: DEFAULT_MIN_VOLUME }) };
  });
  const goal = cards.metric ? goalAt(goals, GOAL_KEYS.unitCost(cards.metric), periods.at(-1)!, cards.n) : null;
  const teams = scope.kind === "company" ? "" : `teams=${scope.teamIds.join(",")}&operationTeams=${scope.teamIds.join(",")}&metric=${cards.metric}&`;
  return { metric: cards.metric, n: cards.n, trend, goal, source: `GET /api/metrics/efficiency?${teams}environments=production&months=${months}&measure=${measure} (unitCostMonthly)` };
}

/** The metric the teams record operations of (the headline one if among them); null when they record none. */
async function ownMetric(db: DbOrTx, teamIds: readonly string[], goals: readonly Goal[]): Promise<string | null> {
  const own = (await listOperationMetrics(db)).filter((m) => m.teams.some((team) => teamIds.includes(team))).map((m) => m.metric);
  const headline = headlineUnitMetric(goals);
  return headline && own.includes(headline) ? headline : (own[0] ?? null);
}

export interface OverheadSeries {
  trend: ReviewTrendPoint[];
  goal: string | null;
  source: string;
}

/** Overhead / engineer-months of the period's complete months (a month to date would understate it). */
export async function overheadByPeriod(db: DbOrTx, scope: ResolvedScope, periods: readonly ReviewPeriod[], measure: Measure, lastDay: string | null): Promise<OverheadSeries> {
  const goals = await getGoals(db);
  const goal = goalAt(goals, GOAL_KEYS.engineerOverhead, periods.at(-1)!, 1);
  const source = scope.kind === "company" ? `GET /api/metrics/efficiency?measure=${measure} (overheadMonthly)` : `GET /api/metrics/teams?month=<month>&measure=${measure} (overhead, engineers of ${scope.teamIds.join(", ")})`;
  const fullMonths = periods.flatMap((p) => p.months).filter((m) => lastDay !== null && lastDayOfMonth(m) <= lastDay);
  if (!fullMonths.length) return { trend: periods.map((p) => ({ period: p.label, value: null })), goal, source };
  const [breakdown, headcount, vendors] = await Promise.all([
    getMonthlyCostBreakdown(db, { measure, from: `${fullMonths[0]}-01`, to: lastDay! }),
    getHeadcount(db),
    getVendors(db),
  ]);
  const points: OverheadPoint[] =
    scope.kind === "company" ? monthlyOverhead(fullMonths, breakdown, headcount, vendors) : scope.teamIds.flatMap((team) => monthlyOverhead(fullMonths, breakdown, headcount, vendors, team));
  const trend = periods.map((period) => {
    const own = points.filter((p) => period.months.includes(p.month));
    const engineers = own.reduce((sum, p) => sum + (p.engineers ?? 0), 0);
    const overhead = own.reduce((sum, p) => sum.plus(p.overhead), new Decimal(0));
    const complete = period.months.every((m) => fullMonths.includes(m));
    return { period: period.label, value: complete && engineers > 0 ? overhead.div(engineers).toDecimalPlaces(6).toString() : null };
  });
  return { trend, goal, source };
}

function goalAt(goals: readonly Goal[], key: string, period: ReviewPeriod, unitN: number): string | null {
  const found = goalForPeriod(goals, key, period.months.at(-1)!);
  return found ? scaleGoal(found, unitN).targetValue : null;
}
