import { Hono } from "hono";
import { z } from "zod";
import { daySchema } from "../../db/period-schema";
import type { Db } from "../../db/client";
import { getOrgRollup } from "../../db/queries/org-rollup";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { measureSchema } from "../../db/queries/measure";
import { firstOfMonth } from "../../db/calendar";
import { validate } from "../validate";
import { answers } from "../answers";
import { orgAnswer } from "../responses/costs";

const day = daySchema;

export const orgRoutes = (db: Db) =>
  new Hono().get("/", validate("query", z.object({ measure: measureSchema, from: day.optional(), to: day.optional() })), answers(orgAnswer, { summary: "Spend per team, group and org for a period" }), async (c) => {
    const query = c.req.valid("query");
    const to = query.to ?? (await getLastCompleteBillingDay(db)) ?? new Date().toISOString().slice(0, 10);
    const from = query.from ?? firstOfMonth(to);
    return c.var.answer({ period: { from, to }, units: await getOrgRollup(db, { from, to, measure: query.measure }) });
  });
