// Answers of /api/leaderboard (teams against their own baseline) and /api/wins (measured savings).
import { z } from "zod";
import { COMPONENTS } from "../../jobs/leaderboards/score";
import { count, day, decimal, measure, month, timestamp } from "./common";

const span = z.object({ from: day, to: day });
const component = z.object({ value: decimal, score: decimal });

export const leaderboardAnswer = z.object({
  month,
  measure,
  lastCompleteDay: day.nullable(),
  current: z.object({ from: day, to: day, days: count, complete: z.boolean() }),
  baseline: z.object({ from: day, to: day, days: count }),
  weights: z.record(z.enum(COMPONENTS), z.number()),
  teams: z.array(
    z.object({
      teamId: z.string(),
      name: z.string(),
      /** Null for a team without enough data to score. */
      score: decimal.nullable(),
      components: z.partialRecord(z.enum(COMPONENTS), component),
      rank: count.nullable(),
      currentCost: decimal,
      baselineMonthlyCost: decimal,
      badges: z.array(z.object({ winId: count, title: z.string(), shippedOn: day })),
    }),
  ),
});

const win = z.object({
  id: count,
  teamId: z.string(),
  title: z.string(),
  shippedOn: day,
  expectedMonthlySavingsUsd: decimal,
  service: z.string().nullable(),
  accountId: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: timestamp,
  measure,
  badge: z.boolean(),
  measurement: z.object({
    status: z.enum(["measuring", "verified", "not-verified"]),
    windows: z.object({ before: span, after: span }),
    daysMeasured: count,
    costBefore: decimal.nullable(),
    costAfter: decimal.nullable(),
    operationsBefore: decimal.nullable(),
    operationsAfter: decimal.nullable(),
    normalised: z.boolean(),
    realizedMonthlySavings: decimal.nullable(),
    realizedShare: decimal.nullable(),
    metric: z.string().nullable(),
  }),
});
export const winListAnswer = z.object({ wins: z.array(win) });
export const winAnswer = z.object({ win });
