// /api/metrics: the Efficiency page. Headline cards, per-team drill-down, revenue vs cost,
// environment split, operating mode, the decision calculator, and every table as CSV.
import { Hono } from "hono";
import { z } from "zod";
import { monthSchema } from "../../db/period-schema";
import type { Db } from "../../db/client";
import { measureSchema } from "../../db/queries/measure";
import { getEfficiencyCards, DEFAULT_UNIT_COST_SCOPE } from "../../jobs/metrics/get-efficiency-cards";
import { getTeamEfficiency } from "../../jobs/metrics/get-team-efficiency";
import { getRevenueView } from "../../jobs/metrics/get-revenue-view";
import { getEnvironmentView } from "../../jobs/metrics/get-environment-view";
import { getOperatingMode } from "../../jobs/metrics/get-operating-mode";
import { getCalculator } from "../../jobs/metrics/get-calculator";
import { DEFAULT_HORIZON_MONTHS, DEFAULT_LOADED_ENGINEER_COST_PER_YEAR, REQUIRED_RETURN_MULTIPLE } from "../../jobs/metrics/decision-calculator";
import * as tables from "../../jobs/metrics/metric-tables";
import { csvResponse } from "../csv-response";
import { validate } from "../validate";
import { answers, sends } from "../answers";
import { calculatorAnswer, efficiencyAnswer, environmentsAnswer, operatingModeAnswer, revenueAnswer, teamEfficiencyAnswer } from "../responses/metrics";

const list = z
  .string()
  .max(2000)
  .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
  .optional();
const month = monthSchema.optional();
const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);
const amount = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "an amount like 250000 or 1234.50");

const cardsQuery = z.object({
  measure: measureSchema,
  metric: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/).optional(),
  n: positiveInt(1_000_000_000).optional(),
  minVolume: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
  teams: list,
  services: list,
  environments: list,
  /** Count only these teams' operations (a team's own unit cost). */
  operationTeams: list,
  months: positiveInt(36).optional(),
});
type CardsQuery = z.infer<typeof cardsQuery>;
const teamsQuery = z.object({ measure: measureSchema, month, n: positiveInt(1_000_000_000).optional(), environments: list, loadedEngineerCostPerYear: amount.optional() });
const viewQuery = z.object({ measure: measureSchema, month, months: positiveInt(36).optional() });
const calculatorQuery = z.object({
  measure: measureSchema,
  loadedEngineerCostPerYear: amount.default(DEFAULT_LOADED_ENGINEER_COST_PER_YEAR),
  effortEngineerWeeks: z.string().regex(/^\d{1,4}(\.\d{1,2})?$/, "engineer-weeks like 1 or 2.5").default("1"),
  savingsPerMonth: amount.default("10000"),
  horizonMonths: positiveInt(120).default(DEFAULT_HORIZON_MONTHS),
  requiredReturnMultiple: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, "a multiple like 5").default(REQUIRED_RETURN_MULTIPLE),
  efficiencyTeamEngineers: z.coerce.number().int().min(0).max(1000).default(2),
});
const exportParam = z.object({ table: z.enum(tables.METRIC_TABLES) });

const cardsParams = (q: CardsQuery) => ({
  measure: q.measure,
  metric: q.metric,
  n: q.n,
  minVolume: q.minVolume,
  months: q.months,
  operationTeams: q.operationTeams,
  scope: q.teams || q.services || q.environments ? { teams: q.teams, services: q.services, environments: q.environments } : DEFAULT_UNIT_COST_SCOPE,
});

export const metricsRoutes = (db: Db) =>
  new Hono()
    .get("/efficiency", validate("query", cardsQuery), answers(efficiencyAnswer, { summary: "Unit cost and engineer overhead cards with their trends" }), async (c) => c.var.answer(await getEfficiencyCards(db, cardsParams(c.req.valid("query")))))
    .get("/teams", validate("query", teamsQuery), answers(teamEfficiencyAnswer, { summary: "Per-team unit cost and overhead for a month" }), async (c) => c.var.answer(await getTeamEfficiency(db, c.req.valid("query"))))
    .get("/revenue", validate("query", viewQuery), answers(revenueAnswer, { summary: "Revenue against infrastructure cost" }), async (c) => {
      const view = await getRevenueView(db, c.req.valid("query"));
      return c.var.answer({ revenue: view ? withoutFigures(view) : null });
    })
    .get("/environments", validate("query", viewQuery), answers(environmentsAnswer, { summary: "Spend by environment against its goals" }), async (c) => c.var.answer(await getEnvironmentView(db, c.req.valid("query"))))
    .get("/operating-mode", validate("query", viewQuery), answers(operatingModeAnswer, { summary: "The operating-mode diagnosis (early, growth, late) with its checks" }), async (c) => c.var.answer({ diagnosis: await getOperatingMode(db, c.req.valid("query")) }))
    .get("/calculator", validate("query", calculatorQuery), answers(calculatorAnswer, { summary: "The decision calculator: is an efficiency project worth its engineers?" }), async (c) => c.var.answer(await getCalculator(db, c.req.valid("query"))))
    .get("/export/:table", validate("param", exportParam), validate("query", cardsQuery.extend({ month })), sends("text/csv", { summary: "An Efficiency table as CSV" }), async (c) => {
      const { table } = c.req.valid("param");
      const q = c.req.valid("query");
      return csvResponse(c, `${table}.csv`, await exportTable(db, table, q));
    });

/** Cash and burn are inputs of the operating-mode checks, not part of the revenue chart. */
function withoutFigures<T extends { revenueFigures: unknown }>({ revenueFigures: _figures, ...rest }: T): Omit<T, "revenueFigures"> {
  return rest;
}

async function exportTable(db: Db, table: tables.MetricTable, q: CardsQuery & { month?: string }) {
  switch (table) {
    case "unit-cost":
    case "unit-cost-daily":
      return tables.unitCostTable(await getEfficiencyCards(db, cardsParams(q)), table === "unit-cost-daily");
    case "engineer-overhead":
      return tables.overheadTable(await getEfficiencyCards(db, cardsParams(q)));
    case "teams":
      return tables.teamsTable(await getTeamEfficiency(db, { measure: q.measure, month: q.month, n: q.n, environments: q.environments }));
    case "revenue":
      return tables.revenueTable(await getRevenueView(db, q));
    case "environments":
      return tables.environmentsTable(await getEnvironmentView(db, q));
    case "operating-mode":
      return tables.operatingModeTable(await getOperatingMode(db, q));
  }
}
