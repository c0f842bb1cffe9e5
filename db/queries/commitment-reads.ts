// Reads of the stored Cost Explorer commitment data: always the latest successful sync run.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";

export const COMMITMENTS_JOB = "sync-commitments";

export async function getLatestCommitmentRun(db: DbOrTx): Promise<{ id: number; finishedAt: string } | null> {
  const [run] = await queryRows<{ id: number; finishedAt: string }>(
    db,
    sql`select id, finished_at::text as "finishedAt" from job_runs where job = ${COMMITMENTS_JOB} and status = 'succeeded' order by id desc limit 1`,
  );
  return run ? { id: Number(run.id), finishedAt: run.finishedAt } : null;
}

export interface CoveragePoint {
  kind: "reservation" | "savings-plan";
  month: string;
  covered: string;
  onDemand: string;
  coveragePercentage: string | null;
}

export async function getCoverageTrend(db: DbOrTx, runId: number): Promise<CoveragePoint[]> {
  return queryRows<CoveragePoint>(
    db,
    sql`select kind, to_char(period_start::timestamp, 'YYYY-MM') as month, covered::text as covered, on_demand::text as "onDemand", coverage_percentage::text as "coveragePercentage"
        from commitment_coverage where run_id = ${runId} and group_key = '' order by period_start, kind`,
  );
}

export interface UtilizationPoint {
  kind: "reservation" | "savings-plan";
  month: string;
  /** Days the period holds (the open month is partial). */
  days: number;
  subscriptionId: string;
  attributes: Record<string, string>;
  utilizationPercentage: string | null;
  purchased: string;
  used: string;
  unused: string;
  netSavings: string | null;
  amortizedFee: string | null;
  onDemandEquivalent: string | null;
}

export async function getUtilization(db: DbOrTx, runId: number): Promise<UtilizationPoint[]> {
  return queryRows<UtilizationPoint>(
    db,
    sql`select kind, to_char(period_start::timestamp, 'YYYY-MM') as month, (period_end - period_start)::int as days, subscription_id as "subscriptionId", attributes,
          utilization_percentage::text as "utilizationPercentage", purchased::text as purchased, used::text as used, unused::text as unused,
          net_savings::text as "netSavings", amortized_fee::text as "amortizedFee", on_demand_equivalent::text as "onDemandEquivalent"
        from commitment_utilization where run_id = ${runId} order by period_start, kind, subscription_id`,
  );
}

export interface StoredRecommendation {
  kind: "reserved-instance" | "savings-plan";
  product: string;
  termYears: number;
  paymentOption: string;
  lookbackDays: number;
  accountId: string | null;
  region: string | null;
  subject: string;
  quantity: string;
  quantityUnit: string;
  upfrontCost: string | null;
  monthlySavings: string | null;
  savingsPercentage: string | null;
  monthlyOnDemand: string | null;
  averageUtilization: string | null;
  breakEvenMonths: string | null;
}

export async function getRecommendations(db: DbOrTx, runId: number): Promise<StoredRecommendation[]> {
  return queryRows<StoredRecommendation>(
    db,
    sql`select kind, product, term_years as "termYears", payment_option as "paymentOption", lookback_days as "lookbackDays", account_id as "accountId",
          region, subject, quantity::text as quantity, quantity_unit as "quantityUnit", upfront_cost::text as "upfrontCost",
          monthly_savings::text as "monthlySavings", savings_percentage::text as "savingsPercentage", monthly_on_demand::text as "monthlyOnDemand",
          average_utilization::text as "averageUtilization", break_even_months::text as "breakEvenMonths"
        from commitment_recommendations where run_id = ${runId}
        order by kind, product, term_years, payment_option, coalesce(monthly_savings, 0) desc, subject`,
  );
}
