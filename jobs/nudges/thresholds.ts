// Every threshold the nudge rules use, in one place. Each rule flags only past BOTH a relative and an
// absolute threshold, so a big team's noise and a tiny team's doubling of $3 both stay quiet.
export const NUDGE_THRESHOLDS = {
  /** Anomalies are looked for in the last `anomalyWindowDays` days up to today. */
  anomalyWindowDays: 7,
  accelerating: { weeks: 4, minGrowth: "0.05", minWeeklyIncrease: "250" },
  forecast: { overBy: "0.02", minOver: "100" },
  untagged: { lookbackDays: 30, minShare: "0.05", minAmount: "200" },
  idle: { lookbackDays: 30 },
  coverage: { lookbackDays: 30, maxCoverage: "0.6", minSteadyMonthly: "1000", savingsRate: "0.25" },
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
