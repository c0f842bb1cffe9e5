// Answers of /api/commitments: reservations and Savings Plans (trend, inventory, expirations,
// AWS recommendations), the plan against AWS's, the per-team effect and the what-if simulator.
import { z } from "zod";
import { count, day, decimal, month } from "./common";

export const commitmentsAnswer = z.object({
  lastCompleteBillingDay: day.nullable(),
  costExplorerRun: z.object({
    id: count,
    finishedAt: z.string(),
  }).nullable(),
  trend: z.array(z.object({
    month: month,
    reservationCoverage: decimal.nullable(),
    savingsPlanCoverage: decimal.nullable(),
    reservationUtilization: decimal.nullable(),
    savingsPlanUtilization: decimal.nullable(),
    savingsPlanUnused: decimal.nullable(),
    basis: z.object({
      reservationCoverage: z.object({
        part: decimal,
        whole: decimal,
      }).nullable(),
      savingsPlanCoverage: z.object({
        part: decimal,
        whole: decimal,
      }).nullable(),
      reservationUtilization: z.object({
        part: decimal,
        whole: decimal,
      }).nullable(),
      savingsPlanUtilization: z.object({
        part: decimal,
        whole: decimal,
      }).nullable(),
    }),
    netSavings: decimal.nullable(),
  })),
  inventory: z.array(z.object({
    id: z.string(),
    kind: z.enum(["reservation", "savings-plan"]),
    type: z.enum(["compute-sp", "ec2-instance-sp", "other-sp", "reserved-instance"]),
    label: z.string(),
    accountId: z.string(),
    region: z.string(),
    service: z.string(),
    instanceType: z.string().nullable(),
    termYears: count.nullable(),
    paymentOption: z.string().nullable(),
    start: day,
    startKnown: z.boolean(),
    end: day.nullable(),
    endSource: z.enum(["term", "cost-explorer"]).nullable(),
    lastBilledDay: day,
    active: z.boolean(),
    hourlyCommitment: decimal.nullable(),
    instances: decimal.nullable(),
    monthlyCommitment: decimal,
    monthlyUnused: decimal,
    utilization: decimal.nullable(),
    monthlyOnDemandEquivalent: decimal,
    monthlyCostIncreaseAtExpiry: decimal,
  })),
  expirations: z.array(z.object({
    commitmentId: z.string(),
    label: z.string(),
    end: day,
    daysLeft: count,
    month: month,
    monthlyOnDemandEquivalent: decimal,
    monthlyCostIncreaseAtExpiry: decimal,
  })),
  awsRecommendations: z.array(z.object({
    kind: z.enum(["savings-plan", "reserved-instance"]),
    product: z.string(),
    termYears: count,
    paymentOption: z.string(),
    lookbackDays: count,
    accountId: z.string().nullable(),
    region: z.string().nullable(),
    subject: z.string(),
    quantity: decimal,
    quantityUnit: z.string(),
    upfrontCost: decimal.nullable(),
    monthlySavings: decimal.nullable(),
    savingsPercentage: decimal.nullable(),
    monthlyOnDemand: decimal.nullable(),
    averageUtilization: decimal.nullable(),
    breakEvenMonths: decimal.nullable(),
  })),
});

export const commitmentPlanAnswer = z.object({
  lastCompleteBillingDay: day.nullable(),
  comparison: z.object({
    lookbackDays: count,
    confidence: z.number(),
    rate: decimal,
    breakEvenUtilization: decimal,
    baselinePerDay: decimal,
    savingsMaximizingPerDay: decimal,
    tallyboard: z.object({
      hourlyCommitment: decimal,
      monthlySavings: decimal,
      utilization: decimal.nullable(),
      coverage: decimal.nullable(),
      underusedDayShare: decimal,
    }),
    aws: z.object({
      hourlyCommitment: decimal,
      monthlySavings: decimal,
      utilization: decimal.nullable(),
      coverage: decimal.nullable(),
      underusedDayShare: decimal,
      lookbackDays: count,
      awsMonthlySavings: decimal.nullable(),
      awsAverageUtilization: decimal.nullable(),
    }).nullable(),
    difference: decimal.nullable(),
    reasons: z.array(z.string()),
  }).nullable(),
  baselines: z.array(z.object({
    group: z.string(),
    baselinePerDay: decimal,
    recommendedHourly: decimal,
    monthlySavings: decimal,
  })),
  rateSource: z.string().optional(),
});

export const teamCommitmentsAnswer = z.object({
  month: month.nullable(),
  rate: decimal.nullable(),
  rateSource: z.string().nullable(),
  teams: z.array(z.object({
    teamId: z.string(),
    name: z.string(),
    amortized: decimal,
    coveredEffective: decimal,
    coveredOnDemandEquivalent: decimal,
    savings: decimal,
    unusedCommitment: decimal,
    unusedBy: z.record(z.string(), decimal),
    netBenefit: decimal,
    withoutCommitments: decimal,
    metric: z.string().nullable(),
    operations: decimal,
    unitCost: decimal.nullable(),
    unitCostWithoutCommitments: decimal.nullable(),
  })),
});

const planned = z.object({
  type: z.enum(["compute-sp", "ec2-instance-sp", "reserved-instance"]),
  termYears: z.union([z.literal(1), z.literal(3)]),
  paymentOption: z.enum(["NO_UPFRONT", "PARTIAL_UPFRONT", "ALL_UPFRONT"]),
  hourlyCommitment: decimal,
  rate: decimal,
  upfront: decimal,
  breakEvenUtilization: decimal,
});

const outcome = z.object({
  monthlyOnDemand: decimal,
  monthlyCost: decimal,
  monthlySavings: decimal,
  coverage: decimal.nullable(),
  utilization: decimal.nullable(),
  unusedMonthly: decimal,
});

/** A portfolio of commitments run over the lookback's usage. */
const simulated = z.object({
  current: outcome,
  usageDrop: z.object({
    share: decimal,
    result: outcome,
  }),
  breakEvenUtilization: decimal.nullable(),
  upfrontTotal: decimal,
  paybackMonths: decimal.nullable(),
  commitments: z.array(planned),
});

export const simulationAnswer = z.object({
  lookbackDays: count,
  existing: z.array(z.object({
    type: z.enum(["compute-sp", "ec2-instance-sp", "reserved-instance"]),
    hourlyCommitment: decimal,
  })),
  current: simulated,
  withPlan: simulated,
  added: z.object({
    monthlySavings: decimal,
    paybackMonths: decimal.nullable(),
    monthlySavingsAfterDrop: decimal,
    upfront: decimal,
    breakEvenUtilization: decimal.nullable(),
    commitments: z.array(planned),
  }),
});
