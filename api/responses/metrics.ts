// Answers of /api/metrics, the Efficiency page: unit cost and engineer overhead cards, the
// per-team drill-down, revenue against infrastructure cost, environments, operating mode, the calculator.
import { z } from "zod";
import { count, day, decimal, month } from "./common";

/** A headline number with its goal, the period before and the trend (unit cost, overhead, revenue share). */
const metricCard = z.object({
  key: z.string(),
  label: z.string(),
  unitLabel: z.string(),
  period: z.string().nullable(),
  value: decimal.nullable(),
  goal: z.object({
    targetValue: decimal,
    unitN: count,
    appliesFrom: day,
    teamId: z.string().nullable(),
  }).nullable(),
  versusGoal: decimal.nullable(),
  status: z.enum(["on_target", "over_target", "no_goal", "no_value"]),
  previous: z.object({
    period: z.string(),
    value: decimal.nullable(),
  }).nullable(),
  change: z.object({
    amount: decimal,
    ratio: decimal.nullable(),
  }).nullable(),
  trend: z.array(z.object({
    period: z.string(),
    value: decimal.nullable(),
  })),
});

export const efficiencyAnswer = z.object({
  cards: z.object({
    unitCost: metricCard,
    engineerOverhead: metricCard,
  }).nullable(),
  unitCostMonthly: z.array(z.object({
    period: month,
    cost: decimal,
    volume: decimal,
    value: decimal.nullable(),
    complete: z.boolean(),
  })),
  unitCostDaily: z.array(z.object({
    period: day,
    cost: decimal,
    volume: decimal,
    value: decimal.nullable(),
    complete: z.boolean(),
  })),
  overheadMonthly: z.array(z.object({
    overhead: decimal,
    perEngineer: decimal.nullable(),
    month: month,
    nonProductionCost: decimal,
    vendorTooling: decimal,
    engineers: count.nullable(),
  })),
  lastCompleteBillingDay: day.nullable(),
  lastFullMonth: month.nullable(),
  metric: z.string().nullable(),
  metrics: z.array(z.object({
    metric: z.string(),
    teams: z.array(z.string()),
    products: z.array(z.string()),
  })),
  n: count,
  minVolume: count,
  scope: z.object({
    teams: z.array(z.string()).optional(),
    services: z.array(z.string()).optional(),
    environments: z.array(z.string()).optional(),
  }),
});

export const teamEfficiencyAnswer = z.object({
  lastCompleteBillingDay: day.nullable(),
  month: month.nullable(),
  previousMonth: month.nullable(),
  n: count,
  environments: z.array(z.string()),
  loadedEngineerCostPerYear: decimal,
  teams: z.array(z.object({
    teamId: z.string(),
    name: z.string(),
    totalCost: decimal,
    scopeCost: decimal,
    metric: z.string().nullable(),
    operations: decimal,
    unitCost: decimal.nullable(),
    previousUnitCost: decimal.nullable(),
    unitCostChange: z.object({
      amount: decimal,
      ratio: decimal.nullable(),
    }).nullable(),
    engineers: count.nullable(),
    overhead: decimal,
    overheadPerEngineer: decimal.nullable(),
    costInEngineers: decimal.nullable(),
  })),
});

/** Null before any revenue is loaded. */
export const revenueAnswer = z.object({ revenue: z.object({
  lastCompleteBillingDay: day,
  months: z.array(z.object({
    goal: decimal.nullable(),
    share: decimal.nullable(),
    month: month,
    revenue: decimal.nullable(),
    infraCost: decimal,
  })),
  shareCard: metricCard,
  shareTrend: z.object({
    lastQuarter: z.object({
      start: month,
      end: month,
      share: decimal.nullable(),
    }).nullable(),
    previousQuarter: z.object({
      start: month,
      end: month,
      share: decimal.nullable(),
    }).nullable(),
    rising: z.boolean().nullable(),
  }),
  revenueQuarterlyGrowth: decimal.nullable(),
  inflections: z.object({
    revenue: z.array(z.object({
      month: month,
      growthBefore: decimal,
      growthAfter: decimal,
      direction: z.enum(["accelerating", "decelerating"]),
    })),
    cost: z.array(z.object({
      month: month,
      growthBefore: decimal,
      growthAfter: decimal,
      direction: z.enum(["accelerating", "decelerating"]),
    })),
  }),
}).nullable() });

export const environmentsAnswer = z.object({
  lastCompleteBillingDay: day.nullable(),
  month: month.nullable(),
  rows: z.array(z.object({
    environment: z.enum(["data", "production", "development", "shared", "unknown"]),
    amount: decimal,
    share: decimal.nullable(),
    goal: z.object({
      targetValue: decimal,
      teamId: z.string().nullable(),
      appliesFrom: day,
    }).nullable(),
    overGoal: decimal.nullable(),
    status: z.enum(["on_target", "over_target", "no_goal"]),
  })),
  trend: z.array(z.object({
    month: month,
    environments: z.record(z.string(), decimal),
  })),
});

/** Null before there is a month of costs to diagnose. */
export const operatingModeAnswer = z.object({ diagnosis: z.object({
  infraCost: z.object({
    cloud: decimal,
    vendors: decimal,
    total: decimal,
  }),
  month: month,
  diagnosed: z.enum(["early", "growth", "late"]),
  reasoning: z.string(),
  modes: z.array(z.object({
    mode: z.enum(["early", "growth", "late"]),
    title: z.string(),
    checks: z.array(z.object({
      key: z.string(),
      question: z.string(),
      answer: z.boolean().nullable(),
      concern: z.boolean().nullable(),
      reasoning: z.string(),
      figures: z.record(z.string(), z.string().nullable()),
    })),
    actNow: z.boolean(),
    verdict: z.string(),
  })),
}).nullable() });

export const calculatorAnswer = z.object({
  input: z.object({
    infraCostPerMonth: decimal,
    infraMonth: month.nullable(),
    loadedEngineerCostPerYear: decimal,
    effortEngineerWeeks: decimal,
    savingsPerMonth: decimal,
    horizonMonths: count,
    requiredReturnMultiple: decimal,
    efficiencyTeamEngineers: count,
  }),
  result: z.object({
    engineerWeekCost: decimal,
    effortCost: decimal,
    savingsOverHorizon: decimal,
    returnMultiple: decimal.nullable(),
    paybackMonths: decimal.nullable(),
    breakEvenSavingsPerMonth: decimal,
    worthIt: z.boolean(),
    efficiencyTeam: z.object({
      costPerYear: decimal,
      requiredSavingsPerYear: decimal,
      infraCostPerYear: decimal,
      infraToTeamMultiple: decimal.nullable(),
      infraOverTenTimesTeam: z.boolean().nullable(),
    }),
    infraInEngineers: decimal.nullable(),
  }),
});
