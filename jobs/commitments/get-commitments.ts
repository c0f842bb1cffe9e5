// What the Commitments page and API read: the inventory and expirations (from the bill's fee lines),
// coverage and utilization trends and AWS's recommendations (from the latest Cost Explorer sync),
// Tallyboard's own recommendation, the per-team effect, and the what-if simulator on real usage.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import { addDays, firstOfMonth, lastDayOfMonth } from "../../db/calendar";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { loadEligibleUsageDays, loadFeeDays, loadReservedUsage, loadTeamCommitmentMonths } from "../../db/queries/commitment-lines";
import { getCoverageTrend, getLatestCommitmentRun, getRecommendations, getUtilization, type UtilizationPoint } from "../../db/queries/commitment-reads";
import { getMonthlyOperationsByTeam } from "../../db/queries/business-inputs";
import { listTeamNames } from "../../db/queries/efficiency-costs";
import { buildInventory, expirations, type Subscription } from "./inventory";
import { compareRecommendations } from "./compare-recommendations";
import { baselinesByGroup } from "./baseline";
import { simulateCommitments, type PlannedCommitment } from "./simulate";
import { teamCommitmentEffects } from "./team-effect";
import { efficiencyWindowFor } from "../metrics/efficiency-window";
import { defaultRate } from "./rates";
import { paybackMonths } from "./commitment-math";
import { instanceFamilyOf, instanceTypeOf, isComputeSavingsPlanEligible } from "../../db/domain/commitment-eligibility";

const HISTORY_MONTHS = 13;
export const DEFAULT_LOOKBACK_DAYS = 90;
export const DEFAULT_CONFIDENCE = 0.9;

async function dataWindow(db: DbOrTx) {
  const to = await getLastCompleteBillingDay(db);
  return to ? { to, from: firstOfMonth(to, HISTORY_MONTHS - 1) } : null;
}

/** Observed price ratios from Cost Explorer: Savings Plans (used / on-demand equivalent) and all commitments blended. */
function observedRates(utilization: readonly UtilizationPoint[]) {
  const totals = utilization.filter((u) => u.subscriptionId === "");
  const months = [...new Set(totals.map((u) => u.month))].sort().slice(-3);
  let spUsed = new Decimal(0);
  let spOnDemand = new Decimal(0);
  let riUsedCost = new Decimal(0);
  let riOnDemand = new Decimal(0);
  for (const u of totals.filter((t) => months.includes(t.month) && t.onDemandEquivalent)) {
    if (u.kind === "savings-plan") {
      spUsed = spUsed.plus(u.used);
      spOnDemand = spOnDemand.plus(u.onDemandEquivalent!);
    } else if (new Decimal(u.purchased).gt(0) && u.amortizedFee) {
      riUsedCost = riUsedCost.plus(new Decimal(u.amortizedFee).times(u.used).div(u.purchased));
      riOnDemand = riOnDemand.plus(u.onDemandEquivalent!);
    }
  }
  const ratio = (a: Decimal, b: Decimal) => (b.gt(0) && a.gt(0) && a.lt(b) ? a.div(b) : null);
  return { savingsPlan: ratio(spUsed, spOnDemand), blended: ratio(spUsed.plus(riUsedCost), spOnDemand.plus(riOnDemand)) };
}

async function commitmentContext(db: DbOrTx) {
  const window = await dataWindow(db);
  const run = await getLatestCommitmentRun(db);
  const utilization = run ? await getUtilization(db, run.id) : [];
  return { window, run, utilization, rates: observedRates(utilization) };
}

/**
 * Commitment price / on-demand price of covered usage (all commitments blended): observed over Cost
 * Explorer's last 3 months, else the 1-year no-upfront Compute Savings Plan planning rate. Covered
 * usage's effective cost / this = its on-demand-equivalent value, the basis Cost Explorer's coverage uses.
 */
export async function coveredUsageRate(db: DbOrTx): Promise<Decimal> {
  const { rates } = await commitmentContext(db);
  return rates.blended ?? defaultRate("compute-sp", 1, "NO_UPFRONT");
}

/** The latest period of each reservation or plan Cost Explorer lists by id. */
function subscriptionsOf(utilization: readonly UtilizationPoint[], kind: UtilizationPoint["kind"]): Subscription[] {
  const latest = new Map<string, UtilizationPoint>();
  for (const u of utilization) if (u.kind === kind && u.subscriptionId !== "") latest.set(u.subscriptionId, u); // ordered by period
  return [...latest.values()].map((u) => ({ subscriptionId: u.subscriptionId, attributes: u.attributes, onDemandEquivalent: u.onDemandEquivalent, used: u.used, purchased: u.purchased, unused: u.unused, amortizedFee: u.amortizedFee, days: u.days }));
}

export async function getInventory(db: DbOrTx) {
  const { window, utilization, rates } = await commitmentContext(db);
  if (!window) return { lastCompleteBillingDay: null, inventory: [], expirations: [] };
  const fees = await loadFeeDays(db, window.from, window.to);
  const reservedUsage = await loadReservedUsage(db, window.from, window.to);
  const inventory = buildInventory(fees, { dataStart: fees[0]?.day ?? window.from, dataEnd: window.to, reservedUsage, subscriptions: subscriptionsOf(utilization, "reservation"), savingsPlans: subscriptionsOf(utilization, "savings-plan"), savingsPlanRate: rates.savingsPlan });
  return { lastCompleteBillingDay: window.to, inventory, expirations: expirations(inventory, addDays(window.to, 1)) };
}

const share = (part: Decimal.Value, whole: Decimal.Value) => ({ part: new Decimal(part).toString(), whole: new Decimal(whole).toString() });

export async function getCommitmentsOverview(db: DbOrTx) {
  const { window, run, utilization } = await commitmentContext(db);
  const { inventory, expirations: ending } = await getInventory(db);
  const coverage = run ? await getCoverageTrend(db, run.id) : [];
  const months = [...new Set([...coverage.map((c) => c.month), ...utilization.map((u) => u.month)])].sort();
  const pick = <T extends { kind: string; month: string }>(rows: readonly T[], kind: string, month: string) => rows.find((r) => r.kind === kind && r.month === month && (!("subscriptionId" in r) || r.subscriptionId === ""));
  return {
    lastCompleteBillingDay: window?.to ?? null,
    costExplorerRun: run,
    trend: months.map((month) => {
      const riCoverage = pick(coverage, "reservation", month);
      const spCoverage = pick(coverage, "savings-plan", month);
      const riUse = pick(utilization, "reservation", month);
      const spUse = pick(utilization, "savings-plan", month);
      return {
        month,
        reservationCoverage: riCoverage?.coveragePercentage ?? null,
        savingsPlanCoverage: spCoverage?.coveragePercentage ?? null,
        // Nothing bought that month: no utilization (Cost Explorer reports 0).
        reservationUtilization: riUse && new Decimal(riUse.purchased).gt(0) ? riUse.utilizationPercentage : null,
        savingsPlanUtilization: spUse && new Decimal(spUse.purchased).gt(0) ? spUse.utilizationPercentage : null,
        savingsPlanUnused: spUse?.unused ?? null,
        // What each percentage is a share of (hours for reservations, on-demand-equivalent dollars for
        // plans), so a quarter weighs its months by size instead of averaging percentages.
        basis: {
          reservationCoverage: riCoverage ? share(riCoverage.covered, new Decimal(riCoverage.covered).plus(riCoverage.onDemand)) : null,
          savingsPlanCoverage: spCoverage ? share(spCoverage.covered, new Decimal(spCoverage.covered).plus(spCoverage.onDemand)) : null,
          reservationUtilization: riUse && new Decimal(riUse.purchased).gt(0) ? share(riUse.used, riUse.purchased) : null,
          savingsPlanUtilization: spUse && new Decimal(spUse.purchased).gt(0) ? share(spUse.used, spUse.purchased) : null,
        },
        netSavings: riUse?.netSavings || spUse?.netSavings ? new Decimal(riUse?.netSavings ?? 0).plus(spUse?.netSavings ?? 0).toFixed(2) : null,
      };
    }),
    inventory,
    expirations: ending,
    awsRecommendations: run ? await getRecommendations(db, run.id) : [],
  };
}

/** Daily on-demand usage a Compute Savings Plan could cover, over the lookback, zero-filled. */
async function eligibleOnDemand(db: DbOrTx, to: string, lookbackDays: number) {
  const from = addDays(to, -lookbackDays + 1);
  const rows = (await loadEligibleUsageDays(db, from, to)).filter((r) => isComputeSavingsPlanEligible(r.service, r.usageType));
  const days = Array.from({ length: lookbackDays }, (_, i) => addDays(from, i));
  const index = new Map(days.map((d, i) => [d, i]));
  const onDemand = days.map(() => new Decimal(0));
  const covered = days.map(() => new Decimal(0));
  for (const r of rows) {
    const i = index.get(r.day)!;
    onDemand[i] = onDemand[i]!.plus(r.onDemand);
    covered[i] = covered[i]!.plus(r.coveredEffective);
  }
  return { days, rows, onDemand, covered };
}

export async function getCommitmentPlan(db: DbOrTx, params: { confidence?: number; lookbackDays?: number } = {}) {
  const { window, run, rates } = await commitmentContext(db);
  const confidence = params.confidence ?? DEFAULT_CONFIDENCE;
  const lookbackDays = params.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;
  if (!window) return { lastCompleteBillingDay: null, comparison: null, baselines: [] };
  const rate = rates.savingsPlan ?? defaultRate("compute-sp", 1, "NO_UPFRONT");
  const { days, rows, onDemand } = await eligibleOnDemand(db, window.to, lookbackDays);
  const aws = run ? (await getRecommendations(db, run.id)).find((r) => r.kind === "savings-plan" && r.product === "COMPUTE_SP" && r.termYears === 1 && r.paymentOption === "NO_UPFRONT") : undefined;
  const comparison = compareRecommendations(onDemand, {
    rate,
    confidence,
    aws: aws ? { hourlyCommitment: aws.quantity, lookbackDays: aws.lookbackDays, monthlySavings: aws.monthlySavings, averageUtilization: aws.averageUtilization } : null,
  });
  // The steady part per compute type / region / instance family: what a narrower commitment could cover.
  const groupOf = (r: (typeof rows)[number]) => {
    const type = instanceTypeOf(r.usageType);
    return [r.service, r.region || null, type ? instanceFamilyOf(type) : null].filter(Boolean).join(" / ");
  };
  const plans = baselinesByGroup(rows.map((r) => ({ group: groupOf(r), period: r.day, onDemand: r.onDemand })), days, { rate, confidence });
  const baselines = [...plans.entries()]
    .map(([group, plan]) => ({ group, baselinePerDay: plan.baseline.toFixed(2), recommendedHourly: plan.hourlyCommitment.toDecimalPlaces(3).toString(), monthlySavings: plan.outcome.netSavings.div(days.length).times(30.4375).toFixed(2) }))
    .sort((a, b) => new Decimal(b.baselinePerDay).comparedTo(a.baselinePerDay));
  return { lastCompleteBillingDay: window.to, rateSource: rates.savingsPlan ? "observed" : "planning default", comparison, baselines };
}

export async function getTeamCommitmentView(db: DbOrTx, params: { month?: string } = {}) {
  const { window, rates } = await commitmentContext(db);
  if (!window) return { month: null, rate: null, rateSource: null, teams: [] };
  const month = params.month ?? efficiencyWindowFor(window.to).lastFullMonth;
  const from = `${month}-01`;
  const to = lastDayOfMonth(month);
  const rate = rates.blended ?? defaultRate("compute-sp", 1, "NO_UPFRONT");
  const [rows, operations, names] = await Promise.all([loadTeamCommitmentMonths(db, from, to), getMonthlyOperationsByTeam(db, { from, to }), listTeamNames(db)]);
  return { month, rate: rate.toDecimalPlaces(4).toString(), rateSource: rates.blended ? "observed" : "planning default", teams: teamCommitmentEffects(rows, operations, new Map(names.map((n) => [n.id, n.name])), month, rate) };
}

/**
 * The what-if: planned commitments stacked on the existing Savings Plans, against the last
 * lookback days of eligible usage (what ran on demand plus what existing plans covered, at on-demand prices).
 */
export async function simulatePlan(db: DbOrTx, planned: PlannedCommitment[], usageDropShare: string, lookbackDays = DEFAULT_LOOKBACK_DAYS) {
  const { window, rates } = await commitmentContext(db);
  if (!window) return null;
  const rate = rates.savingsPlan ?? defaultRate("compute-sp", 1, "NO_UPFRONT");
  const { onDemand, covered } = await eligibleOnDemand(db, window.to, lookbackDays);
  const usage = onDemand.map((u, i) => u.plus(covered[i]!.div(rate)));
  const { inventory } = await getInventory(db);
  const existing: PlannedCommitment[] = inventory
    .filter((c) => c.active && c.kind === "savings-plan" && c.hourlyCommitment)
    .map((c) => ({ type: c.type === "ec2-instance-sp" ? "ec2-instance-sp" : "compute-sp", termYears: c.termYears === 3 ? 3 : 1, paymentOption: "NO_UPFRONT", hourlyCommitment: c.hourlyCommitment!, rate }));
  const current = simulateCommitments(usage, existing, usageDropShare);
  const withPlan = simulateCommitments(usage, [...existing, ...planned], usageDropShare);
  const plannedOnly = simulateCommitments(usage, planned, usageDropShare);
  const addedSavings = new Decimal(withPlan.current.monthlySavings).minus(current.current.monthlySavings);
  // Cash gained a month = net savings + the upfront's monthly share (net savings already charge it).
  const upfrontPerMonth = plannedOnly.commitments.reduce((a, c) => a.plus(new Decimal(c.upfront).div(12 * c.termYears)), new Decimal(0));
  const payback = paybackMonths({ upfront: plannedOnly.upfrontTotal, monthlyRecurring: 0, monthlyCoveredOnDemand: addedSavings.plus(upfrontPerMonth) });
  return {
    lookbackDays,
    existing: existing.map((e) => ({ type: e.type, hourlyCommitment: String(e.hourlyCommitment) })),
    current,
    withPlan,
    added: {
      monthlySavings: addedSavings.toFixed(2),
      paybackMonths: payback?.toDecimalPlaces(1).toString() ?? null,
      monthlySavingsAfterDrop: new Decimal(withPlan.usageDrop.result.monthlySavings).minus(current.usageDrop.result.monthlySavings).toFixed(2),
      upfront: plannedOnly.upfrontTotal,
      breakEvenUtilization: plannedOnly.breakEvenUtilization,
      commitments: plannedOnly.commitments,
    },
  };
}
