// /api/commitments: reservations and Savings Plans. Reads only: the overview (trends, inventory,
// expirations, AWS's recommendations), Tallyboard's plan, the per-team effect, and the what-if
// simulator (a GET: it computes, it stores nothing, so it is cacheable and needs no role).
import { Hono } from "hono";
import { z } from "zod";
import { monthSchema } from "../../db/period-schema";
import type { Db } from "../../db/client";
import { getCommitmentPlan, getCommitmentsOverview, getTeamCommitmentView, simulatePlan } from "../../jobs/commitments/get-commitments";
import { COMMITMENT_TYPES, PAYMENT_OPTIONS } from "../../jobs/commitments/rates";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers } from "../answers";
import { commitmentPlanAnswer, commitmentsAnswer, simulationAnswer, teamCommitmentsAnswer } from "../responses/commitments";

const share = z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/, "expected a share between 0 and 1, like 0.2");
/** One planned commitment as `type,termYears,paymentOption,hourlyUsd`, e.g. `compute-sp,1,NO_UPFRONT,12.5`. */
const plannedCommitment = z.string().transform((value, ctx) => {
  const [type, term, payment, hourly] = value.split(",");
  const parsed = z
    .object({
      type: z.enum(COMMITMENT_TYPES),
      termYears: z.enum(["1", "3"]).transform(Number).pipe(z.union([z.literal(1), z.literal(3)])),
      paymentOption: z.enum(PAYMENT_OPTIONS),
      hourlyCommitment: z.string().regex(/^\d{1,9}(\.\d{1,4})?$/, "expected USD per hour like 12.5"),
    })
    .safeParse({ type, termYears: term, paymentOption: payment, hourlyCommitment: hourly });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    ctx.addIssue({ code: "custom", message: `"${value}": ${issue.path.join(".")} ${issue.message} (format type,termYears,paymentOption,hourlyUsd)` });
    return z.NEVER;
  }
  return parsed.data;
});

export const commitmentRoutes = (db: Db) =>
  new Hono()
    .get("/", answers(commitmentsAnswer, { summary: "Reservations and Savings Plans: coverage and utilization trend, inventory, expirations, AWS's recommendations" }), async (c) => c.var.answer(await getCommitmentsOverview(db)))
    .get(
      "/plan",
      validate("query", z.object({ confidence: z.coerce.number().gt(0).max(1).optional(), lookbackDays: z.coerce.number().int().min(14).max(365).optional() })),
      answers(commitmentPlanAnswer, { summary: "Tallyboard's commitment plan against AWS's recommendation" }),
      async (c) => c.var.answer(await getCommitmentPlan(db, c.req.valid("query"))),
    )
    .get("/teams", validate("query", z.object({ month: monthSchema.optional() })), answers(teamCommitmentsAnswer, { summary: "Each team's share of commitment savings and unused commitment for a month" }), async (c) =>
      c.var.answer(await getTeamCommitmentView(db, c.req.valid("query"))),
    )
    .get(
      "/simulate",
      validate("query", z.object({ commitment: z.union([z.string(), z.array(z.string())]).optional(), drop: share.default("0"), lookbackDays: z.coerce.number().int().min(14).max(365).optional() })),
      answers(simulationAnswer, { summary: "What-if: the effect of planned commitments (and a usage drop) on the lookback's usage" }),
      async (c) => {
      const raw = c.req.queries("commitment") ?? [];
      if (raw.length > 20) throw new ApiError("BAD_REQUEST", 'query field "commitment": at most 20 commitments');
      const parsed = z.array(plannedCommitment).safeParse(raw);
      if (!parsed.success) throw new ApiError("BAD_REQUEST", `query field "commitment": ${parsed.error.issues[0]!.message}`);
      const { drop, lookbackDays } = c.req.valid("query");
      const result = await simulatePlan(db, parsed.data, drop, lookbackDays);
      if (!result) throw new ApiError("NOT_FOUND", "No billing data yet: run a sync first");
      return c.var.answer(result);
      },
    );
