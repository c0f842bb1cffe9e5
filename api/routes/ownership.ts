// Ownership metadata over HTTP: the summary behind the Ownership page, the rule list and its
// editor (every change audited and re-attributed), a dollar preview of a pending change, the audit.
import { Hono } from "hono";
import { z } from "zod";
import { daySchema } from "../../db/period-schema";
import type { Database } from "../../db/client";
import { getOwnershipSummary } from "../../db/queries/ownership-summary";
import { listRules, listOwnershipAudit } from "../../db/queries/ownership-rules";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { measureSchema, type Measure } from "../../db/queries/measure";
import { addDays, firstOfMonth } from "../../db/calendar";
import { changeOwnership, previewOwnershipChange } from "../../jobs/ownership/change-ownership";
import { createRule, updateRule, deleteRule, ruleInputSchema, RuleChangeError } from "../../jobs/ownership/rule-changes";
import { importBackstageCatalog } from "../../jobs/ownership/backstage-import";
import { BackstageCatalogError } from "../../jobs/ownership/backstage-catalog";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers } from "../answers";
import { backstageAnswer, ownershipAuditAnswer, ownershipPreviewAnswer, ownershipSummaryAnswer, ruleChangedAnswer, ruleClosedAnswer, ruleListAnswer } from "../responses/ownership";
import { actorOf } from "../auth/identity";
import { rangeHoldsEngineFacts } from "../../db/queries/engine-facts";
import type { DrillDowns } from "../../jobs/engines/drill-downs";

const day = daySchema;
const ruleId = z.object({ id: z.coerce.number().int().positive() });
const pendingChange = z.discriminatedUnion("action", [
  z.object({ action: z.literal("create"), rule: ruleInputSchema }),
  z.object({ action: z.literal("update"), id: z.number().int().positive(), rule: ruleInputSchema }),
  z.object({ action: z.literal("delete"), id: z.number().int().positive(), effectiveFrom: day }),
]);
const previewMeasure = z.object({ measure: measureSchema });

const backstageImport = z.object({
  catalogs: z.array(z.object({ fileName: z.string().min(1).max(300), text: z.string().max(5_000_000) })).min(1).max(200),
  effectiveFrom: day.optional(),
  preview: z.boolean().default(false),
});


/** Rule-change errors carry their own code; anything else is unexpected and goes to the error handler. */
async function asApiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RuleChangeError || error instanceof BackstageCatalogError) throw new ApiError(error.code, error.message);
    throw error;
  }
}

/**
 * The largest untagged resources: from line items, or, where a DuckDB / Athena pass left only grouped
 * facts in the range, asked of its engine (resources in the export with no owner tag on their lines).
 */
async function largestUntagged(db: Database["db"], summary: Awaited<ReturnType<typeof getOwnershipSummary>>, drillDowns: DrillDowns | null, measure: Measure) {
  const { from, to } = summary.period;
  if (!drillDowns || !(await rangeHoldsEngineFacts(db, { from, to }))) return { ...summary.untaggedResources, largestFrom: "line items" as const };
  try {
    const resources = await drillDowns.untaggedResources({ from, to }, measure);
    return {
      count: summary.untaggedResources.count,
      largest: resources.map((r) => ({ arn: r.resourceId, accountId: r.accountId, region: r.region, service: r.service, resourceType: "", lastSeenAt: r.lastDay, amount: r.amount })),
      largestFrom: drillDowns.engine,
    };
  } catch (error) {
    // The rest of the page stands; the list says the engine could not be asked, and why.
    return { count: summary.untaggedResources.count, largest: [], largestFrom: "unavailable" as const, error: `${drillDowns.engine}: ${(error as Error).message}` };
  }
}

export const ownershipRoutes = (database: Database, sourceName: string, drillDowns: DrillDowns | null = null) => {
  const { db } = database;
  return new Hono()
    .get("/summary", validate("query", z.object({ measure: measureSchema, from: day.optional(), to: day.optional() })), answers(ownershipSummaryAnswer, { summary: "Attributed vs unattributed spend, unclaimed tag values and untagged resources" }), async (c) => {
      const query = c.req.valid("query");
      const to = query.to ?? (await getLastCompleteBillingDay(db)) ?? new Date().toISOString().slice(0, 10);
      const from = query.from ?? firstOfMonth(addDays(to, -59));
      const summary = await getOwnershipSummary(db, { from, to, measure: query.measure });
      return c.var.answer({ ...summary, untaggedResources: await largestUntagged(db, summary, drillDowns, query.measure) });
    })
    .get("/rules", validate("query", z.object({ asOf: day.optional(), history: z.enum(["true", "false"]).optional() })), answers(ruleListAnswer, { summary: "Ownership rules in force (or their history)" }), async (c) => {
      const query = c.req.valid("query");
      return c.var.answer({ rules: await listRules(db, { asOf: query.asOf, history: query.history === "true" }) });
    })
    .post("/rules", validate("json", ruleInputSchema), answers(ruleChangedAnswer, { status: 201, summary: "Create a rule: audited, and re-attributes from its effective day" }), async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid("json");
      const { result, run } = await asApiErrors(() => changeOwnership(database, sourceName, (tx) => createRule(tx, input, actor)));
      return c.var.answer({ rule: result, runId: run.runId });
    })
    .put("/rules/:id", validate("param", ruleId), validate("json", ruleInputSchema), answers(ruleChangedAnswer, { summary: "Change a rule from its effective day (the old version closes)" }), async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid("json");
      const { result, run } = await asApiErrors(() => changeOwnership(database, sourceName, (tx) => updateRule(tx, c.req.valid("param").id, input, actor)));
      return c.var.answer({ rule: result, runId: run.runId });
    })
    .delete("/rules/:id", validate("param", ruleId), validate("query", z.object({ effectiveFrom: day })), answers(ruleClosedAnswer, { summary: "End a rule from a day" }), async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid("param");
      const { effectiveFrom } = c.req.valid("query");
      const { result, run } = await asApiErrors(() => changeOwnership(database, sourceName, (tx) => deleteRule(tx, id, effectiveFrom, actor)));
      return c.var.answer({ rule: result, runId: run.runId });
    })
    .post("/preview", validate("query", previewMeasure), validate("json", pendingChange), answers(ownershipPreviewAnswer, { summary: "The dollars a pending rule change would move between teams, without saving it" }), async (c) => {
      const change = c.req.valid("json");
      const { measure } = c.req.valid("query");
      const actor = actorOf(c);
      const preview = await asApiErrors(() =>
        previewOwnershipChange<unknown>(db, (tx) =>
          change.action === "create"
            ? createRule(tx, change.rule, actor)
            : change.action === "update"
              ? updateRule(tx, change.id, change.rule, actor)
              : deleteRule(tx, change.id, change.effectiveFrom, actor),
          measure,
        ),
      );
      return c.var.answer({ window: preview.window, measure, moves: preview.moves });
    })
    .post("/backstage", validate("json", backstageImport), answers(backstageAnswer, { summary: "Import Backstage catalogs as ownership rules (or preview the moves)" }), async (c) => {
      const actor = actorOf(c);
      const { catalogs, effectiveFrom, preview } = c.req.valid("json");
      const today = (await getLastCompleteBillingDay(db)) ?? new Date().toISOString().slice(0, 10);
      const mutation = (tx: Parameters<typeof importBackstageCatalog>[0]) => importBackstageCatalog(tx, catalogs, { actor, effectiveFrom, today });
      if (preview) {
        const result = await asApiErrors(() => previewOwnershipChange(db, mutation));
        return c.var.answer({ window: result.window, moves: result.moves, import: result.result });
      }
      const { result, run } = await asApiErrors(() => changeOwnership(database, sourceName, mutation));
      return c.var.answer({ import: result, runId: run.runId });
    })
    .get("/audit", validate("query", z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) })), answers(ownershipAuditAnswer, { summary: "The ownership rule audit trail" }), async (c) =>
      c.var.answer({ entries: await listOwnershipAudit(db, c.req.valid("query")) }),
    );
};
