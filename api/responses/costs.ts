// Answers of the cost reads: /overview, /teams, /teams/:teamId, /org, /why. A null
// lastCompleteBillingDay (and empty lists) means nothing is synced yet.
import { z } from "zod";
import { count, day, decimal, month, timestamp } from "./common";
import { teamClusterShareAnswer } from "./clusters";

export const overviewAnswer = z.object({
  lastCompleteBillingDay: day.nullable(),
  months: z.array(z.object({
    month: month,
    total: decimal,
    attributed: decimal,
    unattributed: decimal,
    shareAttributed: decimal.nullable(),
  })),
  topTeams: z.array(z.object({
    teamId: z.string(),
    name: z.string(),
    amount: decimal,
  })),
  unattributedByAccount: z.array(z.object({
    accountId: z.string(),
    accountName: z.string(),
    amount: decimal,
    untaggedResources: count,
  })),
  currentMonth: month.nullable(),
  lastFullMonth: month.nullable(),
});

export const teamListAnswer = z.object({
  lastCompleteBillingDay: day.nullable(),
  teams: z.array(z.object({
    monthToDate: decimal,
    previousMonthToDate: decimal,
    lastMonth: decimal,
    change: z.object({
      amount: decimal,
      ratio: decimal.nullable(),
    }),
    id: z.string(),
    name: z.string(),
    groupId: z.string().nullable(),
    groupName: z.string().nullable(),
    orgId: z.string().nullable(),
    orgName: z.string().nullable(),
  })),
  month: month.optional(),
  lastMonth: month.optional(),
});

/** A team's days split by service or by account: the series (largest first) and each day's values by series key. */
const breakdown = z.object({
  series: z.array(z.object({ key: z.string(), label: z.string(), total: decimal })),
  days: z.array(z.object({ day, total: decimal, values: z.record(z.string(), decimal) })),
});

export const teamDetailAnswer = z.object({
  team: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    groupName: z.string().nullable(),
    orgName: z.string().nullable(),
    slackChannel: z.string().nullable(),
  }),
  period: z.object({
    from: day,
    to: day,
  }),
  lastCompleteBillingDay: day,
  total: decimal,
  byService: breakdown,
  byAccount: breakdown,
  decidedBy: z.array(z.object({
    decidedBy: z.string(),
    amount: decimal,
  })),
  /** Its share of each shared cluster in the period (docs/clusters.md), largest first. */
  clusters: z.array(teamClusterShareAnswer),
});

export const orgAnswer = z.object({
  period: z.object({ from: day, to: day }),
  units: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(["team", "group", "org"]), parentId: z.string().nullable(), amount: decimal })),
});

export const whyAnswer = z.object({
  cell: z.object({
    teamId: z.string(),
    day: day,
    service: z.string().optional(),
    accountId: z.string().optional(),
  }),
  decisions: z.array(z.object({
    decidedBy: z.string(),
    ruleId: count.nullable(),
    ruleKind: z.string().nullable(),
    priority: count.nullable(),
    match: z.string().nullable(),
    ruleSource: z.string().nullable(),
    validFrom: day.nullable(),
    versionId: count.nullable(),
    versionActor: z.string().nullable(),
    versionAppliedAt: timestamp.nullable(),
    poolId: count.nullable(),
    poolName: z.string().nullable(),
    method: z.string().nullable(),
    period: z.string().nullable(),
    unblended: decimal,
    amortized: decimal,
    netAmortized: decimal,
    accounts: z.array(z.string()),
    services: z.array(z.string()),
    basis: z.object({
      period: z.string(),
      teamDirectCost: decimal,
      allTeamsDirectCost: decimal,
      share: decimal.nullable(),
    }).optional(),
  })),
  sampleLines: z.array(z.object({
    ruleId: count,
    accountId: z.string(),
    service: z.string(),
    recordType: z.string(),
    resourceId: z.string().nullable(),
    tags: z.record(z.string(), z.string()),
    amortized: decimal,
  })),
  /** Where the sample lines come from: line items, a pass's grouped facts (no engine to ask), or its engine. */
  sampleLinesFrom: z.enum(["line items", "facts", "duckdb", "athena"]),
  /** Costs that came through a cluster's pods (docs/clusters.md): the rule per cluster and namespace, and its pods. */
  clusters: z.array(z.object({
    cluster: z.string(),
    namespace: z.string().nullable(),
    decidedBy: z.string(),
    clusterRuleId: count.nullable(),
    ruleKind: z.string().nullable(),
    ruleCluster: z.string().nullable(),
    ruleNamespace: z.string().nullable(),
    idle: z.string().nullable(),
    validFrom: day.nullable(),
    versionId: count.nullable(),
    amortized: decimal,
    /** What weighed the cluster's cost: AWS split data (pods) or OpenCost's allocations (docs/clusters.md). */
    basis: z.enum(["split", "opencost"]),
    allocations: z.array(z.object({
      name: z.string(), // the OpenCost allocation: a namespace, "key=value" of a label, __idle__ or __unallocated__
      namespace: z.string().nullable(),
      label: z.string().nullable(),
      idle: z.boolean(),
      totalCost: decimal, // the weight: OpenCost's totalCost that day
      cpuCost: decimal,
      ramCost: decimal,
      gpuCost: decimal,
      pvCost: decimal,
      networkCost: decimal,
      cpuEfficiency: z.string().nullable(),
      ramEfficiency: z.string().nullable(),
    })),
    pods: z.array(z.object({
      pod: z.string(),
      workload: z.string().nullable(),
      label: z.string().nullable(),
      instance: z.string(),
      splitCost: decimal,
      unusedCost: decimal,
    })),
  })),
});
