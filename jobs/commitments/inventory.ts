// The commitment inventory from the bill's fee lines (CUR / FOCUS or Cost Explorer): one entry per
// Savings Plan (SavingsPlanRecurringFee: daily or hourly, unblended = commitment, amortized = unused)
// and per reservation (RIFee: monthly, quantity = instance-hours bought; reservation-from-bill.ts). Lines carry no lease dates,
// so the start is the first billed day and the end start + term when the usage type names the term;
// Cost Explorer's reservation utilization (per subscription) fills in lease dates when synced. Pure.
import Decimal from "decimal.js";
import type { FeeDay, ReservedUsageMonth } from "../../db/queries/commitment-lines";
import { addDays } from "../../db/calendar";
import { instanceTypeOf, RESERVATION_FEE_RECORD_TYPES, savingsPlanTerms } from "../../db/domain/commitment-eligibility";
import { DAYS_PER_MONTH, defaultRate, type PaymentOption, type TermYears } from "./rates";
import { reservationFromBill, reservedKey, reservedUsageByKey } from "./reservation-from-bill";

const ZERO = new Decimal(0);
const RI_FEES = new Set<string>(RESERVATION_FEE_RECORD_TYPES);
/** Fee days looked at for "per month" figures. */
const RECENT_DAYS = 30;

/** A reservation or plan as Cost Explorer lists it by id, over its latest period of `days` days. */
export interface Subscription {
  subscriptionId: string;
  attributes: Record<string, string>;
  onDemandEquivalent: string | null; // of what it covered in the period
  used: string;
  purchased: string;
  unused: string;
  amortizedFee: string | null;
  days: number;
}

export interface Commitment {
  id: string;
  kind: "savings-plan" | "reservation";
  type: "compute-sp" | "ec2-instance-sp" | "other-sp" | "reserved-instance";
  label: string;
  accountId: string;
  region: string;
  service: string;
  instanceType: string | null;
  termYears: number | null;
  paymentOption: string | null;
  start: string;
  /** False when the first billed day is the first day of the data: it may have started earlier. */
  startKnown: boolean;
  end: string | null;
  endSource: "term" | "cost-explorer" | null;
  lastBilledDay: string;
  active: boolean;
  hourlyCommitment: string | null;
  instances: string | null;
  monthlyCommitment: string;
  monthlyUnused: string;
  utilization: string | null;
  /** What the usage it covers would cost on demand, per month. */
  monthlyOnDemandEquivalent: string;
  /** The bill's rise per month when it ends and its usage returns to on-demand rates. */
  monthlyCostIncreaseAtExpiry: string;
}

export const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

export interface InventoryOptions {
  dataStart: string;
  dataEnd: string;
  subscriptions?: readonly Subscription[]; // reservations (GetReservationUtilization by SUBSCRIPTION_ID)
  savingsPlans?: readonly Subscription[]; // plans (GetSavingsPlansUtilizationDetails)
  savingsPlanRate?: Decimal | null;
  /** RI-covered usage per month: the used part of the reservations billed by RIFee lines. */
  reservedUsage?: readonly ReservedUsageMonth[];
}

export function buildInventory(fees: readonly FeeDay[], options: InventoryOptions): Commitment[] {
  const groups = new Map<string, FeeDay[]>();
  for (const fee of fees) {
    if (fee.recordType === "SavingsPlanUpfrontFee") continue; // a one-off; the recurring fee line describes the plan
    const riKey = `${fee.accountId}|${fee.region}|${fee.usageType}`;
    const key = fee.resourceId || (RI_FEES.has(fee.recordType) ? riKey : `${fee.accountId}|${fee.usageType}`);
    groups.set(key, [...(groups.get(key) ?? []), fee]);
  }
  const recentFrom = addDays(options.dataEnd, -RECENT_DAYS + 1);
  const reservedUsage = reservedUsageByKey(options.reservedUsage ?? []);
  const hoursBought = new Map<string, Decimal>(); // per month x region x instance type, over the reservations' last fee months
  for (const days of groups.values()) {
    const last = days.reduce((a, d) => (d.day > a.day ? d : a));
    if (!RI_FEES.has(last.recordType) || last.usageType === "") continue;
    const key = reservedKey(last.day.slice(0, 7), last.region, instanceTypeOf(last.usageType));
    hoursBought.set(key, (hoursBought.get(key) ?? ZERO).plus(last.quantity));
  }
  const commitments = [...groups.entries()].flatMap(([id, days]): Commitment[] => {
    days.sort((a, b) => (a.day < b.day ? -1 : 1));
    const first = days[0]!;
    const last = days.at(-1)!;
    const isReservation = RI_FEES.has(first.recordType);
    const startKnown = first.day > options.dataStart;
    const base = { id, accountId: first.accountId, region: first.region, service: first.service, lastBilledDay: last.day, active: last.day >= addDays(options.dataEnd, -35) };
    // Cost Explorer lines name no usage type or resource: the account's fee is every lease in it, so
    // Cost Explorer's own list of leases (by subscription / plan ARN) describes them one by one.
    if (first.usageType === "" && first.resourceId === "") {
      const listed = isReservation
        ? (options.subscriptions ?? []).filter((s) => s.attributes.accountId === first.accountId)
        : (options.savingsPlans ?? []).filter((s) => s.attributes.AccountId === first.accountId);
      if (listed.length > 0) return listed.map((lease) => (isReservation ? reservationFromCostExplorer(lease, base) : savingsPlanFromCostExplorer(lease, base)));
    }
    if (isReservation) {
      const key = reservedKey(last.day.slice(0, 7), first.region, instanceTypeOf(first.usageType));
      const covered = reservedUsage.get(key);
      const share = covered && new Decimal(last.quantity).gt(0) ? new Decimal(last.quantity).div(hoursBought.get(key)!) : ZERO;
      const used = covered ? { effective: covered.effective.times(share), hours: covered.hours.times(share) } : { effective: ZERO, hours: ZERO };
      const subscription = options.subscriptions?.find((s) => s.attributes.accountId === first.accountId && s.attributes.region === first.region && s.attributes.instanceType === instanceTypeOf(first.usageType));
      return [reservationFromBill(last, used, base, { startKnown, firstDay: first.day, subscription })];
    }
    const terms = savingsPlanTerms(first.usageType);
    const recent = days.filter((d) => d.day >= recentFrom);
    const commitment = recent.reduce((a, d) => a.plus(d.unblended), ZERO);
    const unused = recent.reduce((a, d) => a.plus(d.amortized), ZERO);
    const daysBilled = new Set(recent.map((d) => d.day)).size;
    const perMonth = (total: Decimal) => (daysBilled === 0 ? ZERO : total.div(daysBilled).times(DAYS_PER_MONTH));
    const lastDay = days.filter((d) => d.day === last.day).reduce((a, d) => a.plus(d.unblended), ZERO);
    const rate = options.savingsPlanRate ?? (terms.type !== "other-sp" && terms.termYears ? defaultRate(terms.type, terms.termYears as TermYears, (terms.paymentOption ?? "NO_UPFRONT") as PaymentOption) : new Decimal("0.72"));
    const onDemand = perMonth(commitment.minus(unused)).div(rate);
    return [{
      ...base,
      kind: "savings-plan",
      type: terms.type,
      label: `${terms.type === "compute-sp" ? "Compute" : terms.type === "ec2-instance-sp" ? "EC2 Instance" : ""} Savings Plan $${lastDay.div(24).toDecimalPlaces(2).toString()}/h`.trim(),
      instanceType: null,
      termYears: terms.termYears,
      paymentOption: terms.paymentOption,
      start: first.day,
      startKnown,
      end: terms.termYears ? addYears(first.day, terms.termYears) : null,
      endSource: terms.termYears ? "term" : null,
      hourlyCommitment: lastDay.div(24).toDecimalPlaces(4).toString(),
      instances: null,
      monthlyCommitment: perMonth(commitment).toFixed(2),
      monthlyUnused: perMonth(unused).toFixed(2),
      utilization: commitment.isZero() ? null : commitment.minus(unused).div(commitment).toDecimalPlaces(4).toString(),
      monthlyOnDemandEquivalent: onDemand.toFixed(2),
      monthlyCostIncreaseAtExpiry: onDemand.minus(perMonth(commitment)).toFixed(2),
    }];
  });
  return commitments.sort((a, b) => (a.end ?? "9999").localeCompare(b.end ?? "9999") || a.id.localeCompare(b.id));
}

type Base = Pick<Commitment, "id" | "accountId" | "region" | "service" | "lastBilledDay" | "active">;
const perMonthOf = (amount: Decimal.Value | null, days: number) => (amount === null || days <= 0 ? ZERO : new Decimal(amount).div(days).times(DAYS_PER_MONTH));
const shareOf = (part: string, whole: string) => (new Decimal(whole).isZero() ? null : new Decimal(part).div(whole));

function reservationFromCostExplorer(lease: Subscription, base: Base): Commitment {
  const a = lease.attributes;
  const fee = perMonthOf(lease.amortizedFee, lease.days);
  const onDemand = perMonthOf(lease.onDemandEquivalent, lease.days);
  const unusedShare = shareOf(lease.unused, lease.purchased) ?? ZERO;
  const start = a.startDateTime?.slice(0, 10) ?? base.lastBilledDay;
  const end = a.endDateTime?.slice(0, 10) || null;
  return {
    ...base,
    id: lease.subscriptionId,
    region: a.region ?? base.region,
    kind: "reservation",
    type: "reserved-instance",
    label: `${a.numberOfInstances ?? "?"} x ${a.instanceType ?? "instance"} reserved (${a.region ?? "?"})`,
    instanceType: a.instanceType ?? null,
    termYears: end ? Math.round((Date.parse(end) - Date.parse(start)) / (365.25 * 86_400_000)) : null,
    paymentOption: a.subscriptionType ?? null,
    start,
    startKnown: true,
    end,
    endSource: end ? "cost-explorer" : null,
    hourlyCommitment: null,
    instances: a.numberOfInstances ?? null,
    monthlyCommitment: fee.toFixed(2),
    monthlyUnused: fee.times(unusedShare).toFixed(2),
    utilization: shareOf(lease.used, lease.purchased)?.toDecimalPlaces(4).toString() ?? null,
    monthlyOnDemandEquivalent: onDemand.toFixed(2),
    monthlyCostIncreaseAtExpiry: onDemand.minus(fee).toFixed(2),
  };
}

function savingsPlanFromCostExplorer(plan: Subscription, base: Base): Commitment {
  const a = plan.attributes;
  const hourly = new Decimal(a.HourlyCommitment || "0");
  const type = /compute/i.test(a.SavingsPlansType ?? "") ? "compute-sp" : /ec2/i.test(a.SavingsPlansType ?? "") ? "ec2-instance-sp" : "other-sp";
  const start = a.StartDateTime?.slice(0, 10) ?? base.lastBilledDay;
  const end = a.EndDateTime?.slice(0, 10) || null;
  const term = /(\d)\s*year/i.exec(a.PurchaseTerm ?? "");
  const payment = (a.PaymentOption ?? "").toUpperCase().replace(/\s+/g, "_");
  const commitment = hourly.times(24).times(DAYS_PER_MONTH);
  const onDemand = perMonthOf(plan.onDemandEquivalent, plan.days);
  return {
    ...base,
    id: plan.subscriptionId,
    kind: "savings-plan",
    type,
    label: `${type === "compute-sp" ? "Compute" : type === "ec2-instance-sp" ? "EC2 Instance" : a.SavingsPlansType ?? ""} Savings Plan $${hourly.toDecimalPlaces(2).toString()}/h`,
    instanceType: null,
    termYears: term ? Number(term[1]) : null,
    paymentOption: payment || null,
    start,
    startKnown: true,
    end,
    endSource: end ? "cost-explorer" : null,
    hourlyCommitment: hourly.toString(),
    instances: null,
    monthlyCommitment: commitment.toFixed(2),
    monthlyUnused: perMonthOf(plan.unused, plan.days).toFixed(2),
    utilization: shareOf(plan.used, plan.purchased)?.toDecimalPlaces(4).toString() ?? null,
    monthlyOnDemandEquivalent: onDemand.toFixed(2),
    monthlyCostIncreaseAtExpiry: onDemand.minus(commitment).toFixed(2),
  };
}

export interface Expiration {
  commitmentId: string;
  label: string;
  end: string;
  daysLeft: number;
  month: string;
  monthlyOnDemandEquivalent: string;
  monthlyCostIncreaseAtExpiry: string;
}

/** Active commitments ending within `horizonDays` of today, soonest first: the expirations calendar. */
export function expirations(inventory: readonly Commitment[], today: string, horizonDays = 730): Expiration[] {
  const horizon = addDays(today, horizonDays);
  return inventory
    .filter((c) => c.active && c.end !== null && c.end >= today && c.end <= horizon)
    .map((c) => ({
      commitmentId: c.id,
      label: c.label,
      end: c.end!,
      daysLeft: Math.round((Date.parse(c.end!) - Date.parse(today)) / 86_400_000),
      month: c.end!.slice(0, 7),
      monthlyOnDemandEquivalent: c.monthlyOnDemandEquivalent,
      monthlyCostIncreaseAtExpiry: c.monthlyCostIncreaseAtExpiry,
    }))
    .sort((a, b) => a.end.localeCompare(b.end));
}
