// Answers of /api/reviews: the business review document (db/domain/review-model.ts), previewed or
// saved, and the saved reviews with what was restated since.
import { z } from "zod";
import { count, day, decimal, timestamp } from "./common";

const span = z.object({ from: day, to: day });
const metric = z.object({
  key: z.enum(["spend", "budget_adherence", "unit_cost", "engineer_overhead", "share_attributed", "reservation_coverage", "savings_plan_coverage", "reservation_utilization", "savings_plan_utilization"]),
  label: z.string(),
  unitLabel: z.string(),
  format: z.enum(["usd", "ratio"]),
  direction: z.enum(["lower_is_better", "higher_is_better"]),
  value: decimal.nullable(),
  goal: z.object({ value: decimal, source: z.string() }).nullable(),
  status: z.enum(["on_target", "off_target", "no_goal", "no_value"]),
  change: z.object({ amount: decimal, ratio: decimal.nullable() }).nullable(),
  trend: z.array(z.object({ period: z.string(), value: decimal.nullable() })),
  source: z.string(),
  note: z.string().nullable(),
});
const mover = z.object({ key: z.string(), name: z.string(), current: decimal, previous: decimal, changeUsd: decimal, shareOfChange: decimal.nullable() });
const commitments = z.union([
  z.object({ status: z.enum(["pending", "no_data", "company_wide"]), note: z.string() }),
  z.object({
    status: z.literal("ready"),
    note: z.null(),
    metrics: z.array(metric),
    expiring: z.object({
      from: day,
      to: day,
      commitments: z.array(z.object({ commitmentId: z.string(), label: z.string(), end: day, monthlyOnDemandEquivalent: decimal, monthlyCostIncreaseAtExpiry: decimal })),
    }),
  }),
]);

export const reviewDocument = z.object({
  version: z.literal(1),
  title: z.string(),
  scope: z.object({ kind: z.enum(["team", "group", "org", "company"]), id: z.string().nullable(), name: z.string(), teamIds: z.array(z.string()) }),
  period: z.object({ label: z.string(), kind: z.enum(["month", "quarter"]), months: z.array(z.string()), from: day, to: day, complete: z.boolean(), billedThrough: day.nullable(), previous: z.string() }),
  measure: z.string(),
  lastCompleteBillingDay: day.nullable(),
  generatedAt: timestamp,
  metrics: z.array(metric),
  movers: z.object({ comparedWith: span.nullable(), totalChangeUsd: decimal, services: z.array(mover), accounts: z.array(mover) }),
  nudges: z.object({ open: z.array(z.object({ id: count, teamId: z.string(), title: z.string(), rule: z.string(), monthlyAtStake: decimal, status: z.string() })), monthlyAtStake: decimal }),
  wins: z.object({ verified: z.array(z.object({ id: count, teamId: z.string(), title: z.string(), shippedOn: day, realizedMonthlySavings: decimal.nullable() })), realizedMonthlySavings: decimal }),
  commitments,
  summary: z.object({ changed: z.array(z.string()), atRisk: z.array(z.string()) }),
  authorSections: z.array(z.object({ key: z.string(), title: z.string(), prompt: z.string(), body: z.string() })),
  restatement: z.object({ savedAt: timestamp, summary: z.string(), figures: z.array(z.string()) }).nullable().optional(),
});

const savedReview = z.object({
  id: count,
  scope: z.string(),
  period: z.string(),
  measure: z.string(),
  title: z.string(),
  savedBy: z.string(),
  savedAt: timestamp,
  /** What the live numbers now say differently from the saved snapshot (a restated bill). */
  restatement: z.object({
    restated: z.boolean(),
    figures: z.array(z.object({ what: z.string(), saved: decimal.nullable(), now: decimal.nullable(), difference: decimal.nullable(), text: z.string() })),
    summary: z.string().nullable(),
  }),
});

export const reviewPreviewAnswer = z.object({ document: reviewDocument });
export const reviewListAnswer = z.object({ reviews: z.array(savedReview) });
export const savedReviewAnswer = z.object({ review: savedReview.extend({ document: reviewDocument }) });
