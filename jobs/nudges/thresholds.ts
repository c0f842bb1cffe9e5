// Every threshold the nudge rules use, in one place. Each rule flags only past BOTH a relative and an
// absolute threshold, so a big team's noise and a tiny team's doubling of $3 both stay quiet.
import { DEFAULT_IDLE_GOAL } from "../../db/schema/clusters";

export const NUDGE_THRESHOLDS = {
  /** Anomalies are looked for in the last `anomalyWindowDays` days up to today. */
  anomalyWindowDays: 7,
  accelerating: { weeks: 4, minGrowth: "0.05", minWeeklyIncrease: "250" },
  forecast: { overBy: "0.02", minOver: "100" },
  untagged: { lookbackDays: 30, minShare: "0.05", minAmount: "200" },
  idle: { lookbackDays: 30 },
  coverage: { lookbackDays: 30, maxCoverage: "0.6", minSteadyMonthly: "1000", savingsRate: "0.25" },
  /** Shared clusters (docs/clusters.md), all over the last two weeks. */
  clusters: {
    lookbackDays: 14,
    /** The idle share a cluster is nudged above unless its ownership entry sets `idleGoal`. */
    defaultIdleGoal: DEFAULT_IDLE_GOAL,
    minMonthlyIdle: "50",
    minMonthlyUnowned: "20",
    /** A workload is underused when actual / reserved stays below this on every day of the two weeks. */
    maxUsedShare: "0.3",
    minMonthlyUnusedReservation: "20",
  },
} as const;

/** Services whose usage a Savings Plan or reservation can cover. */
export const COMMITMENT_SERVICES = [
  "Amazon Elastic Compute Cloud - Compute",
  "Amazon Relational Database Service",
  "Amazon ElastiCache",
  "Amazon OpenSearch Service",
  "Amazon Redshift",
  "AWS Lambda",
  "Amazon Elastic Container Service",
  "AWS Fargate",
  "Amazon SageMaker",
];

/** A daily rate over a month: 30 days, the convention every "per month" here uses. */
export const DAYS_PER_MONTH = 30;
