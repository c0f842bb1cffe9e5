// Answers of /api/estimates: "What will it cost?" for a tech spec (db/domain/estimate-model.ts),
// previewed or saved, and the saved ones against the owning team's actuals after launch.
import { z } from "zod";
import { count, day, decimal, month, timestamp } from "./common";
import { monthSchema } from "../../db/period-schema";
import type { EstimateInput } from "../../db/domain/estimate-model";

const name = z.string().trim().min(1).max(200);
/** The tech spec, as POST /estimates(/preview) takes it and as a saved estimate keeps it. */
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

export const costEstimate = z.object({
  monthlyCost: decimal.nullable(),
  low: decimal.nullable(),
  high: decimal.nullable(),
  unitCost: z.object({ n: count, median: decimal.nullable(), low: decimal.nullable(), high: decimal.nullable() }),
  samples: z.array(z.object({ comparable: z.string(), month, cost: decimal, operations: decimal, unitCost: decimal.nullable() })),
  basedOn: z.object({ from: day, to: day }).nullable(),
  queries: z.array(z.string()),
  markdown: z.string(),
});

const savedEstimate = z.object({
  id: count,
  title: z.string(),
  teamId: z.string().nullable(),
  launchMonth: month.nullable(),
  savedBy: z.string(),
  savedAt: timestamp,
  /** The input as sent, with its defaults filled in. */
  input: estimateInputSchema,
  estimate: costEstimate,
  comparison: z.object({
    status: z.enum(["no-team", "not-launched", "no-estimate", "compared"]),
    months: z.array(z.object({ month, actual: decimal, gap: decimal, gapRatio: decimal.nullable(), withinRange: z.boolean() })),
  }),
});

export const estimatePreviewAnswer = z.object({ estimate: costEstimate });
export const estimateSavedAnswer = z.object({ estimate: savedEstimate });
export const estimateListAnswer = z.object({ estimates: z.array(savedEstimate) });
