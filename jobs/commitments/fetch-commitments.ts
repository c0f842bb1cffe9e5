// Fetches what Cost Explorer knows about commitments: 12 months (plus the open one) of reservation
// and Savings Plans coverage and utilization, and AWS's purchase recommendations for the plan
// below, every page of each, each request through the run's ApiCallBudget (counted, retried).
import type { ReservationAggregates, SavingsPlansUtilizationAggregates, ReservationPurchaseRecommendationDetail, SavingsPlansPurchaseRecommendationDetail } from "@aws-sdk/client-cost-explorer";
import type { CommitmentsApi } from "../sources/commitments-api";
import type { ApiCallBudget } from "../sources/api-call-budget";
import type { commitmentCoverage, commitmentRecommendations, commitmentUtilization } from "../../db/schema";
import { addDays, firstOfMonth } from "../../db/calendar";
import { EC2_COMPUTE, RDS } from "../../db/domain/commitment-eligibility";

type Row<T extends { $inferInsert: object }> = Omit<T["$inferInsert"], "id" | "runId">;
export interface FetchedCommitments {
  coverage: Row<typeof commitmentCoverage>[];
  utilization: Row<typeof commitmentUtilization>[];
  recommendations: Row<typeof commitmentRecommendations>[];
}

/** What is asked for (each combination is one request, $0.01, plus its pages). */
export const RECOMMENDATION_PLAN = {
  reservationServices: [EC2_COMPUTE, RDS],
  savingsPlansTypes: ["COMPUTE_SP", "EC2_INSTANCE_SP"] as const,
  terms: ["ONE_YEAR", "THREE_YEARS"] as const,
  paymentOptions: ["NO_UPFRONT", "ALL_UPFRONT"] as const,
  lookback: "THIRTY_DAYS" as const,
};
const LOOKBACK_DAYS = { SEVEN_DAYS: 7, THIRTY_DAYS: 30, SIXTY_DAYS: 60 } as const;
const TERM_YEARS = { ONE_YEAR: 1, THREE_YEARS: 3 } as const;

/** Follows a token until the last page. */
async function everyPage<T>(fetchPage: (token: string | undefined) => Promise<T>, nextOf: (page: T) => string | undefined): Promise<T[]> {
  const pages: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    pages.push(page);
    token = nextOf(page);
  } while (token);
  return pages;
}

/** No Savings Plan (or no reservation) at all: AWS answers DataUnavailableException, not zeros. */
async function orNothing<T>(fetch: () => Promise<T[]>): Promise<T[]> {
  try {
    return await fetch();
  } catch (error) {
    if ((error as { name?: string }).name === "DataUnavailableException") return [];
    throw error;
  }
}

const orNull = (value: string | undefined) => (value === undefined || value === "" ? null : value);

export async function fetchCommitments(api: CommitmentsApi, budget: ApiCallBudget, today: string): Promise<FetchedCommitments> {
  const TimePeriod = { Start: firstOfMonth(today, 12), End: today };
  const result: FetchedCommitments = { coverage: [], utilization: [], recommendations: [] };
  const seen = new Set<string>(); // a period split across pages repeats its Total

  const riCoverage = await orNothing(() =>
    everyPage((NextPageToken) => budget.call(() => api.getReservationCoverage({ TimePeriod, Granularity: "MONTHLY", GroupBy: [{ Type: "DIMENSION", Key: "INSTANCE_TYPE" }], NextPageToken })), (p) => p.NextPageToken),
  );
  for (const byTime of riCoverage.flatMap((page) => page.CoveragesByTime ?? [])) {
    const entries = [{ key: "", coverage: byTime.Total }, ...(byTime.Groups ?? []).map((g) => ({ key: g.Attributes?.instanceType ?? Object.values(g.Attributes ?? {})[0] ?? "", coverage: g.Coverage }))];
    for (const { key, coverage } of entries) {
      const id = `ri|${byTime.TimePeriod!.Start}|${key}`;
      if (!coverage?.CoverageHours || seen.has(id)) continue;
      seen.add(id);
      const hours = coverage.CoverageHours;
      result.coverage.push({
        kind: "reservation",
        periodStart: byTime.TimePeriod!.Start!,
        periodEnd: byTime.TimePeriod!.End!,
        groupKey: key,
        covered: hours.ReservedHours ?? "0",
        onDemand: hours.OnDemandHours ?? "0",
        coveragePercentage: orNull(hours.CoverageHoursPercentage),
        onDemandCost: orNull(coverage.CoverageCost?.OnDemandCost),
        unit: "hours",
      });
    }
  }

  const spCoverage = await orNothing(() =>
    everyPage((NextToken) => budget.call(() => api.getSavingsPlansCoverage({ TimePeriod, Granularity: "MONTHLY", NextToken })), (p) => p.NextToken),
  );
  for (const entry of spCoverage.flatMap((page) => page.SavingsPlansCoverages ?? [])) {
    const c = entry.Coverage ?? {};
    result.coverage.push({
      kind: "savings-plan",
      periodStart: entry.TimePeriod!.Start!,
      periodEnd: entry.TimePeriod!.End!,
      groupKey: "",
      covered: c.SpendCoveredBySavingsPlans ?? "0",
      onDemand: c.OnDemandCost ?? "0",
      coveragePercentage: orNull(c.CoveragePercentage),
      onDemandCost: orNull(c.OnDemandCost),
      unit: "USD",
    });
  }

  const riUtilization = await orNothing(() =>
    everyPage((NextPageToken) => budget.call(() => api.getReservationUtilization({ TimePeriod, Granularity: "MONTHLY", GroupBy: [{ Type: "DIMENSION", Key: "SUBSCRIPTION_ID" }], NextPageToken })), (p) => p.NextPageToken),
  );
  for (const byTime of riUtilization.flatMap((page) => page.UtilizationsByTime ?? [])) {
    const period = { periodStart: byTime.TimePeriod!.Start!, periodEnd: byTime.TimePeriod!.End! };
    const entries = [{ id: "", attributes: {}, u: byTime.Total }, ...(byTime.Groups ?? []).map((g) => ({ id: g.Value ?? "", attributes: g.Attributes ?? {}, u: g.Utilization }))];
    for (const { id, attributes, u } of entries) {
      const key = `riu|${period.periodStart}|${id}`;
      if (!u || seen.has(key)) continue;
      seen.add(key);
      result.utilization.push({ kind: "reservation", ...period, subscriptionId: id, attributes, ...reservationAggregates(u) });
    }
  }

  const spUtilization = await orNothing(async () => [await budget.call(() => api.getSavingsPlansUtilization({ TimePeriod, Granularity: "MONTHLY" }))]);
  for (const byTime of spUtilization.flatMap((page) => page.SavingsPlansUtilizationsByTime ?? [])) {
    result.utilization.push(savingsPlanRow(byTime.TimePeriod!.Start!, byTime.TimePeriod!.End!, "", {}, byTime));
  }

  // Each plan with its lease (term, start, end, hourly commitment), used over the last 30 days.
  const recent = { Start: addDays(today, -30), End: today };
  const planDetails = await orNothing(() =>
    everyPage((NextToken) => budget.call(() => api.getSavingsPlansUtilizationDetails({ TimePeriod: recent, NextToken })), (p) => p.NextToken),
  );
  for (const detail of planDetails.flatMap((page) => page.SavingsPlansUtilizationDetails ?? [])) {
    result.utilization.push(savingsPlanRow(recent.Start, recent.End, detail.SavingsPlanArn ?? "", detail.Attributes ?? {}, detail));
  }

  const { terms, paymentOptions, lookback } = RECOMMENDATION_PLAN;
  for (const term of terms) {
    for (const payment of paymentOptions) {
      const common = { termYears: TERM_YEARS[term], paymentOption: payment, lookbackDays: LOOKBACK_DAYS[lookback], accountScope: "PAYER" };
      for (const service of RECOMMENDATION_PLAN.reservationServices) {
        const pages = await everyPage(
          (NextPageToken) => budget.call(() => api.getReservationPurchaseRecommendation({ Service: service, TermInYears: term, PaymentOption: payment, LookbackPeriodInDays: lookback, AccountScope: "PAYER", NextPageToken })),
          (p) => p.NextPageToken,
        );
        for (const detail of pages.flatMap((p) => p.Recommendations ?? []).flatMap((r) => r.RecommendationDetails ?? [])) {
          result.recommendations.push({ kind: "reserved-instance", product: service, ...common, ...reservationDetail(detail) });
        }
      }
      for (const type of RECOMMENDATION_PLAN.savingsPlansTypes) {
        const pages = await everyPage(
          (NextPageToken) => budget.call(() => api.getSavingsPlansPurchaseRecommendation({ SavingsPlansType: type, TermInYears: term, PaymentOption: payment, LookbackPeriodInDays: lookback, AccountScope: "PAYER", NextPageToken })),
          (p) => p.NextPageToken,
        );
        for (const detail of pages.flatMap((p) => p.SavingsPlansPurchaseRecommendation?.SavingsPlansPurchaseRecommendationDetails ?? [])) {
          result.recommendations.push({ kind: "savings-plan", product: type, ...common, ...savingsPlanDetail(detail) });
        }
      }
    }
  }
  return result;
}

/** A Savings Plans utilization row: the whole payer's (id "") per period, or one plan's (its ARN). */
function savingsPlanRow(periodStart: string, periodEnd: string, subscriptionId: string, attributes: Record<string, string>, from: Partial<SavingsPlansUtilizationAggregates>) {
  const u = from.Utilization ?? {};
  return {
    kind: "savings-plan",
    periodStart,
    periodEnd,
    subscriptionId,
    attributes,
    utilizationPercentage: orNull(u.UtilizationPercentage),
    purchased: u.TotalCommitment ?? "0",
    used: u.UsedCommitment ?? "0",
    unused: u.UnusedCommitment ?? "0",
    unit: "USD",
    netSavings: orNull(from.Savings?.NetSavings),
    amortizedFee: orNull(from.AmortizedCommitment?.TotalAmortizedCommitment),
    onDemandEquivalent: orNull(from.Savings?.OnDemandCostEquivalent),
  };
}

function reservationAggregates(u: ReservationAggregates) {
  return {
    utilizationPercentage: orNull(u.UtilizationPercentage),
    purchased: u.PurchasedHours ?? "0",
    used: u.TotalActualHours ?? "0",
    unused: u.UnusedHours ?? "0",
    unit: "hours",
    netSavings: orNull(u.NetRISavings),
    amortizedFee: orNull(u.TotalAmortizedFee),
    onDemandEquivalent: orNull(u.OnDemandCostOfRIHoursUsed),
  };
}

function reservationDetail(d: ReservationPurchaseRecommendationDetail) {
  const instance = Object.values(d.InstanceDetails ?? {}).find((v) => v && typeof v === "object") as { InstanceType?: string; NodeType?: string; Region?: string } | undefined;
  return {
    accountId: d.AccountId ?? null,
    region: instance?.Region ?? null,
    subject: instance?.InstanceType ?? instance?.NodeType ?? "instance",
    quantity: d.RecommendedNumberOfInstancesToPurchase ?? "0",
    quantityUnit: "instances",
    upfrontCost: orNull(d.UpfrontCost),
    monthlySavings: orNull(d.EstimatedMonthlySavingsAmount),
    savingsPercentage: orNull(d.EstimatedMonthlySavingsPercentage),
    monthlyOnDemand: orNull(d.EstimatedMonthlyOnDemandCost),
    averageUtilization: orNull(d.AverageUtilization),
    breakEvenMonths: orNull(d.EstimatedBreakEvenInMonths),
    details: { ...d } as Record<string, unknown>,
  };
}

function savingsPlanDetail(d: SavingsPlansPurchaseRecommendationDetail) {
  return {
    accountId: d.AccountId ?? null,
    region: d.SavingsPlansDetails?.Region ?? null,
    subject: d.SavingsPlansDetails?.InstanceFamily ?? "all eligible compute",
    quantity: d.HourlyCommitmentToPurchase ?? "0",
    quantityUnit: "USD/hour",
    upfrontCost: orNull(d.UpfrontCost),
    monthlySavings: orNull(d.EstimatedMonthlySavingsAmount),
    savingsPercentage: orNull(d.EstimatedSavingsPercentage),
    monthlyOnDemand: orNull(d.EstimatedOnDemandCost),
    averageUtilization: orNull(d.EstimatedAverageUtilization),
    breakEvenMonths: null,
    details: { ...d } as Record<string, unknown>,
  };
}
