// /api/estimates: "What will it cost?" for a tech spec. POST /preview estimates without saving;
// POST / saves (the only mutation: the role check goes in front of it); GET / lists saved estimates
// with the gap between each and the owning team's attributed actuals after launch.
import { Hono } from "hono";
import { z } from "zod";
import { monthSchema } from "../../db/period-schema";
import type { Db } from "../../db/client";
import { measureSchema } from "../../db/queries/measure";
import { buildEstimate, EstimateInputError } from "../../jobs/estimates/build-estimate";
import { listEstimates, saveEstimate } from "../../jobs/estimates/stored-estimates";
import type { EstimateInput } from "../../db/domain/estimate-model";
import { actorOf } from "../auth/identity";
import { ApiError } from "../errors";
import { validate } from "../validate";

const name = z.string().trim().min(1).max(200);
export const estimateInputSchema = z.object({
  title: z.string().trim().min(3, "say what the new service is").max(300),
  operationsPerMonth: z.string().trim().regex(/^\d{1,15}$/, "a whole number of operations like 5000000"),
  operationName: z.string().trim().min(1).max(60).default("operations"),
  services: z.array(name).max(50).default([]),
  comparables: z.array(z.object({ kind: z.enum(["team", "service"]), id: name })).min(1, "name at least one comparable team or service").max(20),
  teamId: name.nullable().default(null),
  launchMonth: monthSchema.nullable().default(null),
  months: z.number().int().min(1).max(12).default(3),
}) satisfies z.ZodType<EstimateInput, unknown>;
const measureQuery = z.object({ measure: measureSchema });

function asApiError(error: unknown): never {
  if (error instanceof EstimateInputError) throw new ApiError("BAD_REQUEST", `json field ${error.message}`);
  throw error;
}

export const estimateRoutes = (db: Db) =>
  new Hono()
    .post("/preview", validate("query", measureQuery), validate("json", estimateInputSchema), async (c) =>
      c.json({ estimate: await buildEstimate(db, c.req.valid("json"), c.req.valid("query").measure).catch(asApiError) }),
    )
    .post("/", validate("query", measureQuery), validate("json", estimateInputSchema), async (c) => {
      const saved = await saveEstimate(db, c.req.valid("json"), c.req.valid("query").measure, actorOf(c)).catch(asApiError);
      return c.json({ estimate: saved }, 201);
    })
    .get("/", validate("query", measureQuery), async (c) => c.json({ estimates: await listEstimates(db, c.req.valid("query").measure) }));
