// /api/estimates: "What will it cost?" for a tech spec. POST /preview estimates without saving;
// POST / saves (the only mutation: the role check goes in front of it); GET / lists saved estimates
// with the gap between each and the owning team's attributed actuals after launch.
import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../../db/client";
import { measureSchema } from "../../db/queries/measure";
import { buildEstimate, EstimateInputError } from "../../jobs/estimates/build-estimate";
import { listEstimates, saveEstimate } from "../../jobs/estimates/stored-estimates";
import { actorOf } from "../auth/identity";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers } from "../answers";
import { estimateInputSchema, estimateListAnswer, estimatePreviewAnswer, estimateSavedAnswer } from "../responses/estimates";

const measureQuery = z.object({ measure: measureSchema });

function asApiError(error: unknown): never {
  if (error instanceof EstimateInputError) throw new ApiError("BAD_REQUEST", `json field ${error.message}`);
  throw error;
}

export const estimateRoutes = (db: Db) =>
  new Hono()
    .post("/preview", validate("query", measureQuery), validate("json", estimateInputSchema), answers(estimatePreviewAnswer, { summary: "Estimate a tech spec's monthly cost from comparable unit costs, without saving it" }), async (c) =>
      c.var.answer({ estimate: await buildEstimate(db, c.req.valid("json"), c.req.valid("query").measure).catch(asApiError) }),
    )
    .post("/", validate("query", measureQuery), validate("json", estimateInputSchema), answers(estimateSavedAnswer, { status: 201, summary: "Save an estimate" }), async (c) => {
      const saved = await saveEstimate(db, c.req.valid("json"), c.req.valid("query").measure, actorOf(c)).catch(asApiError);
      return c.var.answer({ estimate: saved });
    })
    .get("/", validate("query", measureQuery), answers(estimateListAnswer, { summary: "Saved estimates, each against the owning team's actuals after launch" }), async (c) => c.var.answer({ estimates: await listEstimates(db, c.req.valid("query").measure) }));
