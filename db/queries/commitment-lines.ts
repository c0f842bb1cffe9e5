// Commitments as the imported bill shows them (CUR / FOCUS line items, or Cost Explorer lines):
// fee lines per commitment and day, eligible on-demand usage per day, and per team the covered
// usage's effective cost and the unused commitment the shared-cost rules put on it.
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../client";
import { billedLineFilter } from "../domain/billed-lines";
import { sqlArray } from "./anomaly-series";
import { COMPUTE_SP_SERVICES, RESERVATION_FEE_RECORD_TYPES, SAVINGS_PLAN_FEE_RECORD_TYPES } from "../domain/commitment-eligibility";

export const FEE_RECORD_TYPES = [...RESERVATION_FEE_RECORD_TYPES, ...SAVINGS_PLAN_FEE_RECORD_TYPES];
/** Usage-family record types: on demand = their unblended (covered lines net to 0), covered effective cost = amortized - unblended. */
export const USAGE_FAMILY = ["Usage", "DiscountedUsage", "SavingsPlanCoveredUsage", "SavingsPlanNegation"];

export interface FeeDay {
  accountId: string;
  region: string;
  service: string;
  usageType: string;
  recordType: string;
  resourceId: string;
  day: string;
  unblended: string;
  amortized: string;
  quantity: string;
}

export async function loadFeeDays(db: DbOrTx, from: string, to: string): Promise<FeeDay[]> {
  return queryRows<FeeDay>(
    db,
    sql`select li.account_id as "accountId", li.region, li.service, li.usage_type as "usageType", li.record_type as "recordType",
          coalesce(li.resource_id, '') as "resourceId", li.day::text as day, sum(li.unblended_cost)::text as unblended,
          sum(li.amortized_cost)::text as amortized, coalesce(sum(li.usage_quantity), 0)::text as quantity
        from cost_line_items li
        where li.day >= ${from}::date and li.day <= ${to}::date and li.record_type = any(${sqlArray(FEE_RECORD_TYPES)}) and ${billedLineFilter}
        group by 1, 2, 3, 4, 5, 6, 7 order by 7`,
  );
}

export interface ReservedUsageMonth {
  month: string; // YYYY-MM
  region: string;
  usageType: string;
  effective: string; // amortized of DiscountedUsage: the reservations' upfront share + recurring fee for the hours used
  hours: string;
}

/** RI-covered usage (DiscountedUsage) per month x region x usage type: the used part of each reservation. */
export async function loadReservedUsage(db: DbOrTx, from: string, to: string): Promise<ReservedUsageMonth[]> {
  return queryRows<ReservedUsageMonth>(
    db,
    sql`select to_char(li.day::timestamp, 'YYYY-MM') as month, li.region, li.usage_type as "usageType", sum(li.amortized_cost)::text as effective,
          coalesce(sum(li.usage_quantity), 0)::text as hours
        from cost_line_items li
        where li.day >= ${from}::date and li.day <= ${to}::date and li.record_type = 'DiscountedUsage' and ${billedLineFilter}
        group by 1, 2, 3`,
  );
}

export interface UsageDay {
  day: string;
  service: string;
  region: string;
  usageType: string;
  onDemand: string; // unblended of the usage family: what ran at on-demand rates
  coveredEffective: string; // amortized - unblended: what covered usage cost at commitment rates
  quantity: string;
}

/** Commitment-eligible usage (compute services) per day x service x region x usage type. */
export async function loadEligibleUsageDays(db: DbOrTx, from: string, to: string, services: string[] = [...COMPUTE_SP_SERVICES, "Amazon Relational Database Service", "Amazon Redshift"]): Promise<UsageDay[]> {
  return queryRows<UsageDay>(
    db,
    sql`select li.day::text as day, li.service, li.region, li.usage_type as "usageType", sum(li.unblended_cost)::text as "onDemand",
          sum(li.amortized_cost - li.unblended_cost)::text as "coveredEffective", coalesce(sum(li.usage_quantity) filter (where li.record_type = 'Usage'), 0)::text as quantity
        from cost_line_items li
        where li.day >= ${from}::date and li.day <= ${to}::date and li.service = any(${sqlArray(services)})
          and li.record_type = any(${sqlArray(USAGE_FAMILY)}) and ${billedLineFilter}
        group by 1, 2, 3, 4`,
  );
}

/** Covered usage at commitment rates per team x service (amortized - unblended of the usage family). */
export async function loadCoveredByTeamService(db: DbOrTx, from: string, to: string): Promise<{ teamId: string; service: string; covered: string }[]> {
  return queryRows(
    db,
    sql`select team_id as "teamId", service, sum(amortized_cost - unblended_cost)::text as covered from cost_rollup_daily
        where day >= ${from}::date and day <= ${to}::date and record_type = any(${sqlArray(USAGE_FAMILY)})
        group by 1, 2 having sum(amortized_cost - unblended_cost) > 0`,
  );
}

export interface TeamCommitmentMonth {
  teamId: string;
  month: string; // YYYY-MM
  amortized: string; // everything on the team, shared costs included
  coveredEffective: string; // its usage covered by commitments, at commitment rates
  computeCoveredEffective: string; // of which on Compute Savings Plan services
  unusedCommitment: string; // fee lines (the unused part when amortized) the attribution put on it
  unusedBy: Record<string, string>; // how: "split" (a shared-cost pool), "account", "unattributed"...
}

/** Per team and month, from the attributed daily rollup and attributed costs (so pools count as attributed). */
export async function loadTeamCommitmentMonths(db: DbOrTx, from: string, to: string): Promise<TeamCommitmentMonth[]> {
  const usage = await queryRows<Omit<TeamCommitmentMonth, "unusedCommitment" | "unusedBy">>(
    db,
    sql`select team_id as "teamId", to_char(day::timestamp, 'YYYY-MM') as month, sum(amortized_cost)::text as amortized,
          coalesce(sum(amortized_cost - unblended_cost) filter (where record_type = any(${sqlArray(USAGE_FAMILY)})), 0)::text as "coveredEffective",
          coalesce(sum(amortized_cost - unblended_cost) filter (where record_type = any(${sqlArray(USAGE_FAMILY)}) and service = any(${sqlArray(COMPUTE_SP_SERVICES)})), 0)::text as "computeCoveredEffective"
        from cost_rollup_daily where day >= ${from}::date and day <= ${to}::date group by 1, 2`,
  );
  const unused = await queryRows<{ teamId: string; month: string; decidedBy: string; amount: string }>(
    db,
    sql`select team_id as "teamId", to_char(day::timestamp, 'YYYY-MM') as month, decided_by as "decidedBy", sum(amortized_cost)::text as amount
        from attributed_costs where day >= ${from}::date and day <= ${to}::date and record_type = any(${sqlArray(FEE_RECORD_TYPES)}) group by 1, 2, 3`,
  );
  const key = (teamId: string, month: string) => `${teamId}|${month}`;
  const byKey = new Map(usage.map((u) => [key(u.teamId, u.month), { ...u, unusedCommitment: "0", unusedBy: {} as Record<string, string> }]));
  for (const u of unused) {
    const row = byKey.get(key(u.teamId, u.month)) ?? { teamId: u.teamId, month: u.month, amortized: "0", coveredEffective: "0", computeCoveredEffective: "0", unusedCommitment: "0", unusedBy: {} };
    row.unusedBy[u.decidedBy] = u.amount;
    row.unusedCommitment = new Decimal(row.unusedCommitment).plus(u.amount).toString();
    byKey.set(key(u.teamId, u.month), row);
  }
  return [...byKey.values()];
}
