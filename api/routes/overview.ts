import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../../db/client";
import { getOverview } from "../../db/queries/overview";
import { measureSchema } from "../../db/queries/measure";
import { validate } from "../validate";
import { answers } from "../answers";
import { overviewAnswer } from "../responses/costs";

const query = z.object({ measure: measureSchema, months: z.coerce.number().int().min(1).max(38).default(14) });

export const overviewRoutes = (db: Db) => new Hono().get("/", validate("query", query), answers(overviewAnswer, { summary: "Monthly totals, attributed share, top teams and unattributed spend by account" }), async (c) => c.var.answer(await getOverview(db, c.req.valid("query"))));
