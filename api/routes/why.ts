import { Hono } from "hono";
import { z } from "zod";
import { daySchema } from "../../db/period-schema";
import type { Db } from "../../db/client";
import { explainCell } from "../../jobs/attribution/why";
import { validate } from "../validate";
import { answers } from "../answers";
import { whyAnswer } from "../responses/costs";
import type { DrillDowns } from "../../jobs/engines/drill-downs";

const cell = z.object({
  teamId: z.string().min(1).max(100),
  day: daySchema,
  service: z.string().min(1).max(300).optional(),
  accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id").optional(),
});

export const whyRoutes = (db: Db, drillDowns: DrillDowns | null = null) =>
  new Hono().get("/", validate("query", cell), answers(whyAnswer, { summary: "Why a team's cost on a day is theirs: the rules and splits that decided it" }), async (c) =>
    c.var.answer(await explainCell(db, c.req.valid("query"), drillDowns)));
