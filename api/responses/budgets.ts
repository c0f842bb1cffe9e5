// Answers of /api/budgets: budgets, the monthly review, movers, approvals and the audit.
import { z } from "zod";
import { count, day, decimal, measure, month, snapshot, timestamp } from "./common";

const unit = { id: z.string(), name: z.string(), kind: z.enum(["team", "group", "org"]), parentId: z.string().nullable(), teams: count, budgetUsd: decimal.nullable() };
const status = z.enum(["no-budget", "no-forecast", "within", "over-needs-approval", "over-approved"]);
const budget = z.object({ teamId: z.string(), budgetUsd: decimal, source: z.string(), updatedAt: timestamp, updatedBy: z.string() });
const approval = z.object({
  id: count,
  month,
  teamId: z.string(),
  actor: z.string(),
  at: timestamp,
  reason: z.string(),
  measure: z.string(),
  budgetUsd: decimal,
  forecastUsd: decimal,
  thresholdPct: decimal,
});

export const budgetReviewAnswer = z.object({
  month: month,
  measure: measure,
  threshold: decimal,
  lastCompleteBillingDay: day.nullable(),
  treeAsOf: day,
  daysElapsed: count,
  daysInMonth: count,
  complete: z.boolean(),
  method: z.string(),
  teams: z.array(z.object({
    approval: approval.nullable(),
    varianceUsd: decimal.nullable(),
    varianceRatio: decimal.nullable(),
    status,
    needsApproval: z.boolean(),
    budgetUsd: decimal.nullable(),
    actualToDate: decimal,
    forecast: decimal.nullable(),
    low: decimal.nullable(),
    high: decimal.nullable(),
    spentRatio: decimal.nullable(),
    teamId: z.string(),
    name: z.string(),
    groupId: z.string().nullable(),
    groupName: z.string().nullable(),
  })),
  units: z.array(z.object({
    varianceUsd: decimal.nullable(),
    varianceRatio: decimal.nullable(),
    status,
    needsApproval: z.boolean(),
    id: z.string(),
    name: z.string(),
    kind: z.enum(["group", "org"]),
    parentId: z.string().nullable(),
    teams: count,
    budgetUsd: decimal.nullable(),
    actualToDate: decimal,
    forecast: decimal.nullable(),
  })),
});

export const budgetMoversAnswer = z.object({
  teamId: z.string(),
  month: month,
  measure: measure,
  lastCompleteBillingDay: day.nullable(),
  current: z.object({
    from: day,
    to: day,
  }).nullable(),
  previous: z.object({
    from: day,
    to: day,
  }).nullable(),
  services: z.array(z.object({
    service: z.string(),
    current: decimal,
    previous: decimal,
    changeUsd: decimal,
    changeRatio: decimal.nullable(),
  })),
  days: z.array(z.object({
    day: day,
    amount: decimal,
    comparedWith: day,
    previous: decimal,
    changeUsd: decimal,
    changeRatio: decimal.nullable(),
  })),
});

export const budgetMonthAnswer = z.object({ month, treeAsOf: day, budgets: z.array(budget), units: z.array(z.object(unit)) });
export const teamBudgetAnswer = z.object({ month, budget, approvals: z.array(approval) });
export const budgetSetAnswer = z.object({ month, changed: z.boolean(), budget });
export const approvalAnswer = z.object({ approval });
export const budgetUploadAnswer = z.object({ file: z.string(), rows: count, inserted: count, updated: count, unchanged: count });
export const budgetAuditAnswer = z.object({
  entries: z.array(z.object({ id: count, at: timestamp, actor: z.string(), action: z.string(), month, teamId: z.string(), before: snapshot, after: snapshot })),
});
