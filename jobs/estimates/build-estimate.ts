// "What will it cost?": unit costs of comparable teams (their cost over their own operations) or
// billed services (their cost over the company's headline operations) in recent complete months,
// applied to the operations a new service expects, with the range and the queries behind it.
import Decimal from "decimal.js";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { lastDayOfMonth, monthsBetween, previousMonth } from "../../db/calendar";
import type { Measure } from "../../db/queries/measure";
import { getMonthlyCostBreakdown } from "../../db/queries/efficiency-costs";
import { getGoals, getMonthlyOperationsByTeam, listOperationMetrics } from "../../db/queries/business-inputs";
import { teams } from "../../db/schema";
import { getEfficiencyWindow } from "../metrics/efficiency-window";
import { headlineUnitMetric } from "../../db/domain/metric-goals";
import { unitCost, DEFAULT_MIN_VOLUME, DEFAULT_UNIT_N } from "../metrics/unit-cost";
import { estimateRange } from "./estimate-maths";
import type { CostEstimate, EstimateInput, UnitCostSample } from "../../db/domain/estimate-model";
import { estimateMarkdown } from "./estimate-markdown";

export class EstimateInputError extends Error {}

const sum = (values: readonly { amount?: string; count?: string }[]) => values.reduce((s, v) => s.plus(v.amount ?? v.count ?? 0), new Decimal(0)).toString();
const quoted = (values: readonly string[]) => values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ");

export async function buildEstimate(db: DbOrTx, input: EstimateInput, measure: Measure): Promise<CostEstimate> {
  await checkComparables(db, input);
  const window = await getEfficiencyWindow(db);
  const empty = { monthlyCost: null, low: null, high: null, unitCost: { n: DEFAULT_UNIT_N, median: null, low: null, high: null }, samples: [], basedOn: null, queries: [] };
  if (!window) return { ...empty, markdown: estimateMarkdown(input, empty, measure) };
  let first = window.lastFullMonth;
  for (let i = 1; i < input.months; i++) first = previousMonth(first);
  const months = monthsBetween(first, window.lastFullMonth);
  const range = { from: `${first}-01`, to: lastDayOfMonth(window.lastFullMonth) };
  const [costs, operations, goals, metrics] = await Promise.all([
    getMonthlyCostBreakdown(db, { measure, ...range, services: input.services.length ? input.services : undefined }),
    getMonthlyOperationsByTeam(db, range),
    getGoals(db),
    listOperationMetrics(db),
  ]);
  const headline = headlineUnitMetric(goals) ?? metrics[0]?.metric ?? null;
  const serviceFilter = input.services.length ? ` and service in (${quoted(input.services)})` : "";
  const samples: UnitCostSample[] = [];
  const queries: string[] = [];
  for (const comparable of input.comparables) {
    if (comparable.kind === "team") {
      const own = operations.filter((o) => o.teamId === comparable.id);
      const metric = mainMetric(own);
      for (const month of months) {
        const cost = sum(costs.filter((c) => c.teamId === comparable.id && c.month === month));
        const volume = metric ? sum(own.filter((o) => o.month === month && o.metric === metric)) : "0";
        samples.push(sample(`team ${comparable.id}${metric ? ` (${metric})` : ""}`, month, cost, volume));
      }
      queries.push(`select to_char(day, 'YYYY-MM'), sum(${measure}_cost) from attributed_costs where team_id = ${quoted([comparable.id])}${serviceFilter} and day between '${range.from}' and '${range.to}' group by 1`);
      queries.push(metric ? `select to_char(day, 'YYYY-MM'), sum(count) from product_operations where team_id = ${quoted([comparable.id])} and metric = '${metric}' and day between '${range.from}' and '${range.to}' group by 1` : `-- team ${comparable.id} records no operations: no unit cost`);
    } else {
      const serviceCosts = await getMonthlyCostBreakdown(db, { measure, ...range, services: [comparable.id] });
      for (const month of months) {
        const volume = headline ? sum(operations.filter((o) => o.month === month && o.metric === headline)) : "0";
        samples.push(sample(`service ${comparable.id}${headline ? ` (${headline})` : ""}`, month, sum(serviceCosts.filter((c) => c.month === month)), volume));
      }
      queries.push(`select to_char(day, 'YYYY-MM'), sum(${measure}_cost) from attributed_costs where service = ${quoted([comparable.id])} and day between '${range.from}' and '${range.to}' group by 1`);
      queries.push(headline ? `select to_char(day, 'YYYY-MM'), sum(count) from product_operations where metric = '${headline}' and day between '${range.from}' and '${range.to}' group by 1` : "-- no operation metric recorded: no unit cost");
    }
  }
  const found = estimateRange(samples.map((s) => s.unitCost), input.operationsPerMonth, DEFAULT_UNIT_N);
  const estimate = {
    monthlyCost: found.monthlyCost,
    low: found.low,
    high: found.high,
    unitCost: { n: DEFAULT_UNIT_N, median: found.unitMedian, low: found.unitLow, high: found.unitHigh },
    samples,
    basedOn: range,
    queries,
  };
  return { ...estimate, markdown: estimateMarkdown(input, estimate, measure) };
}

/** The metric a team records most operations of over the window (a team usually owns one). */
function mainMetric(own: readonly { metric: string; count: string }[]): string | null {
  const totals = new Map<string, Decimal>();
  for (const o of own) totals.set(o.metric, (totals.get(o.metric) ?? new Decimal(0)).plus(o.count));
  return [...totals].sort((a, b) => b[1].comparedTo(a[1]) || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

function sample(comparable: string, month: string, cost: string, operations: string): UnitCostSample {
  return { comparable, month, cost: new Decimal(cost).toFixed(2), operations, unitCost: unitCost(cost, operations, { n: DEFAULT_UNIT_N, minVolume: DEFAULT_MIN_VOLUME }) };
}

async function checkComparables(db: DbOrTx, input: EstimateInput) {
  const ids = [...input.comparables.filter((c) => c.kind === "team").map((c) => c.id), ...(input.teamId ? [input.teamId] : [])];
  const known = new Set(ids.length ? (await db.select({ id: teams.id }).from(teams).where(inArray(teams.id, ids))).map((t) => t.id) : []);
  input.comparables.forEach((c, i) => {
    if (c.kind === "team" && !known.has(c.id)) throw new EstimateInputError(`comparables[${i}].id: no team "${c.id}"`);
  });
  if (input.teamId && !known.has(input.teamId)) throw new EstimateInputError(`teamId: no team "${input.teamId}"`);
  if (!input.comparables.length) throw new EstimateInputError("comparables: name at least one comparable team or service");
}
