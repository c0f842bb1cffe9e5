// /api/budgets: budgets per team-month (GET/PUT, CSV upload), the monthly budget review (actual,
// forecast, variance, the over-budget rule), what moved for a team, approvals and the audit trail.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { monthSchema } from "../../db/period-schema";
import type { Db } from "../../db/client";
import { measureSchema } from "../../db/queries/measure";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { getTeamBudget, getTreeAsOf, listApprovals, listBudgetAudit, listTeamBudgets } from "../../db/queries/budget-reads";
import { BudgetChangeError, importBudgetCsv, recordApproval, setBudget } from "../../jobs/budgets/budget-changes";
import { getBudgetReview, treeDayOf } from "../../jobs/budgets/budget-review";
import { getBudgetMovers } from "../../jobs/budgets/budget-movers";
import { rollUpToUnits } from "../../jobs/budgets/budget-rollup";
import { DEFAULT_THRESHOLD } from "../../jobs/budgets/variance";
import { ImportError } from "../../jobs/imports/import-error";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers, uploads } from "../answers";
import { approvalAnswer, budgetAuditAnswer, budgetMonthAnswer, budgetMoversAnswer, budgetReviewAnswer, budgetSetAnswer, budgetUploadAnswer, teamBudgetAnswer } from "../responses/budgets";
import { actorOf } from "../auth/identity";

const MAX_BYTES = 4 * 1024 * 1024;
const month = monthSchema;
const teamId = z.string().min(1).max(100);
const threshold = z.string().regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, "expected a fraction between 0 and 1, like 0.02 for 2%").default(DEFAULT_THRESHOLD);
const teamMonth = z.object({ month, teamId });
const budgetBody = z.object({ budgetUsd: z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, "expected a non-negative amount in USD like 1234.50") });
const approvalBody = z.object({ month, teamId, reason: z.string().trim().min(3, "say why the overrun is accepted").max(2000), measure: measureSchema, threshold });
const limit = bodyLimit({ maxSize: MAX_BYTES, onError: () => { throw new ApiError("PAYLOAD_TOO_LARGE", `budget files are limited to ${MAX_BYTES} bytes`); } });


function asApiError(error: unknown): never {
  if (error instanceof BudgetChangeError) throw new ApiError(error.code, error.message);
  if (error instanceof ImportError) throw new ApiError("BAD_REQUEST", error.message);
  throw error;
}

export const budgetRoutes = (db: Db) => {
  /** The month asked for, else the month of the last complete billing day. */
  const monthOr = async (asked: string | undefined) => asked ?? ((await getLastCompleteBillingDay(db)) ?? new Date().toISOString()).slice(0, 7);
  return new Hono()
    .get("/review", validate("query", z.object({ month: month.optional(), measure: measureSchema, threshold })), answers(budgetReviewAnswer, { summary: "The monthly budget review: actual, forecast and variance per team and unit" }), async (c) => {
      const query = c.req.valid("query");
      return c.var.answer(await getBudgetReview(db, { ...query, month: await monthOr(query.month) }));
    })
    .get("/movers", validate("query", z.object({ month, teamId, measure: measureSchema })), answers(budgetMoversAnswer, { summary: "What moved a team's spend this month, by service and by day" }), async (c) => c.var.answer(await getBudgetMovers(db, c.req.valid("query"))))
    .post("/approvals", validate("json", approvalBody), answers(approvalAnswer, { status: 201, summary: "Accept a team's overrun past the threshold, saying why" }), async (c) => {
      const input = c.req.valid("json");
      const review = await getBudgetReview(db, { month: input.month, measure: input.measure, threshold: input.threshold });
      const row = review.teams.find((t) => t.teamId === input.teamId);
      if (!row) throw new ApiError("NOT_FOUND", `No budget or spend for team "${input.teamId}" in ${input.month}`);
      if (!row.needsApproval || row.budgetUsd === null || row.forecast === null)
        throw new ApiError("CONFLICT", `${input.teamId} is not over its ${input.month} budget by more than the threshold: nothing to approve`);
      const approval = await recordApproval(db, { ...input, budgetUsd: row.budgetUsd, forecastUsd: row.forecast }, actorOf(c));
      return c.var.answer({ approval: { ...approval, month: input.month, at: approval.at.toISOString() } });
    })
    .post("/csv", limit, validate("query", z.object({ fileName: z.string().min(1).max(300).default("budgets.csv") })), uploads(["text/csv"], "The budgets CSV (month,team,budget_usd) as the raw body"), answers(budgetUploadAnswer, { summary: "Upload budgets as CSV (month,team,budget_usd): all rows or none" }), async (c) => {
      const bytes = Buffer.from(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new ApiError("BAD_REQUEST", "the request body is empty: send the CSV file");
      return c.var.answer(await importBudgetCsv(db, c.req.valid("query").fileName, bytes, actorOf(c)).catch(asApiError));
    })
    .get("/audit", validate("query", z.object({ month: month.optional(), teamId: teamId.optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) })), answers(budgetAuditAnswer, { summary: "The budget audit trail" }), async (c) =>
      c.var.answer({ entries: await listBudgetAudit(db, c.req.valid("query")) }),
    )
    .get("/months/:month", validate("param", z.object({ month })), answers(budgetMonthAnswer, { summary: "A month's budgets per team, rolled up the org tree" }), async (c) => {
      const { month: m } = c.req.valid("param");
      const budgets = await listTeamBudgets(db, m);
      const treeAsOf = treeDayOf(m, await getLastCompleteBillingDay(db));
      const figures = budgets.map((b) => ({ teamId: b.teamId, budgetUsd: b.budgetUsd, actualToDate: "0", forecast: null }));
      const units = rollUpToUnits(figures, await getTreeAsOf(db, treeAsOf)).map(({ id, name, kind, parentId, teams, budgetUsd }) => ({ id, name, kind, parentId, teams, budgetUsd }));
      return c.var.answer({ month: m, treeAsOf, budgets, units });
    })
    .get("/months/:month/teams/:teamId", validate("param", teamMonth), answers(teamBudgetAnswer, { summary: "A team's budget for a month, with its approvals" }), async (c) => {
      const { month: m, teamId: team } = c.req.valid("param");
      const budget = await getTeamBudget(db, m, team);
      if (!budget) throw new ApiError("NOT_FOUND", `No ${m} budget for team "${team}"`);
      return c.var.answer({ month: m, budget, approvals: await listApprovals(db, m, team) });
    })
    .put("/months/:month/teams/:teamId", validate("param", teamMonth), validate("json", budgetBody), answers(budgetSetAnswer, { summary: "Set a team's budget for a month" }), async (c) => {
      const { month: m, teamId: team } = c.req.valid("param");
      const result = await setBudget(db, { month: m, teamId: team, budgetUsd: c.req.valid("json").budgetUsd }, actorOf(c)).catch(asApiError);
      return c.var.answer({ month: m, changed: result.changed, budget: { teamId: result.budget.teamId, budgetUsd: result.budget.budgetUsd, source: result.budget.source, updatedAt: result.budget.updatedAt.toISOString(), updatedBy: result.budget.updatedBy } });
    });
};
