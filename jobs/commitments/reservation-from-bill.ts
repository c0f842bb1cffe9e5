// A reservation from the bill's monthly RIFee line and the usage it covered (DiscountedUsage). The fee
// line's unblended is only the recurring fee (0 for all upfront, part of it for partial upfront) and its
// amortized the unused part; the used part sits on the covered usage at its effective cost (upfront
// amortization + recurring fee per hour). So a month's commitment = used effective cost + unused. Pure.
import Decimal from "decimal.js";
import type { FeeDay, ReservedUsageMonth } from "../../db/queries/commitment-lines";
import { addDays } from "../../db/calendar";
import { instanceTypeOf } from "../../db/domain/commitment-eligibility";
import { DAYS_PER_MONTH, defaultRate, type PaymentOption } from "./rates";
import type { Commitment, Subscription } from "./inventory";

const ZERO = new Decimal(0);
export const daysInMonthOf = (day: string) => Number(addDays(`${addDays(`${day.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1).slice(8, 10));

/** Reservations bought in one month, region and instance type share the usage of that type by hours bought. */
export const reservedKey = (month: string, region: string, instanceType: string | null) => `${month}|${region}|${instanceType ?? ""}`;

export function reservedUsageByKey(usage: readonly ReservedUsageMonth[]): Map<string, { effective: Decimal; hours: Decimal }> {
  const byKey = new Map<string, { effective: Decimal; hours: Decimal }>();
  for (const u of usage) {
    const key = reservedKey(u.month, u.region, instanceTypeOf(u.usageType));
    const sum = byKey.get(key) ?? { effective: ZERO, hours: ZERO };
    byKey.set(key, { effective: sum.effective.plus(u.effective), hours: sum.hours.plus(u.hours) });
  }
  return byKey;
}

/** The payment option the amounts imply: no recurring fee = all upfront, recurring = the whole commitment = no upfront. */
export function impliedPaymentOption(recurring: Decimal, total: Decimal): PaymentOption | null {
  if (total.lte(0)) return null;
  if (recurring.lte(0)) return "ALL_UPFRONT";
  return recurring.gte(total.times("0.999")) ? "NO_UPFRONT" : "PARTIAL_UPFRONT";
}

type Base = Pick<Commitment, "id" | "accountId" | "region" | "service" | "lastBilledDay" | "active">;

/** `used` = this reservation's share of the covered usage of its month, region and instance type. */
export function reservationFromBill(last: FeeDay, used: { effective: Decimal; hours: Decimal }, base: Base, context: { startKnown: boolean; firstDay: string; subscription?: Subscription }): Commitment {
  const instanceType = instanceTypeOf(last.usageType);
  const hours = new Decimal(last.quantity);
  const instances = hours.isZero() ? null : hours.div(daysInMonthOf(last.day) * 24).toDecimalPlaces(2);
  const recurring = new Decimal(last.unblended);
  const unused = new Decimal(last.amortized);
  const total = used.effective.plus(unused);
  const scale = DAYS_PER_MONTH.div(daysInMonthOf(last.day));
  const { subscription } = context;
  const payment = (subscription?.attributes.subscriptionType ?? null) as string | null;
  const implied = impliedPaymentOption(recurring, total);
  // On-demand value of the hours used: Cost Explorer's price when synced, else the planning rate.
  const cePrice = subscription?.onDemandEquivalent && new Decimal(subscription.used).gt(0) ? new Decimal(subscription.onDemandEquivalent).div(subscription.used) : null;
  const onDemand = (cePrice ? cePrice.times(used.hours) : used.effective.div(defaultRate("reserved-instance", 1, implied ?? "NO_UPFRONT"))).times(scale);
  const start = subscription?.attributes.startDateTime?.slice(0, 10) ?? context.firstDay;
  const end = subscription?.attributes.endDateTime?.slice(0, 10) ?? null;
  const utilization = hours.gt(0) ? Decimal.min(1, used.hours.div(hours)) : total.gt(0) ? used.effective.div(total) : null;
  return {
    ...base,
    kind: "reservation",
    type: "reserved-instance",
    label: `${instances ?? "?"} x ${instanceType ?? last.usageType} reserved (${last.region})`,
    instanceType,
    termYears: subscription && end ? Math.round((Date.parse(end) - Date.parse(start)) / (365.25 * 86_400_000)) : null,
    paymentOption: payment ?? implied,
    start,
    startKnown: subscription ? true : context.startKnown,
    end,
    endSource: end ? "cost-explorer" : null,
    hourlyCommitment: null,
    instances: instances?.toString() ?? null,
    monthlyCommitment: total.times(scale).toFixed(2),
    monthlyUnused: unused.times(scale).toFixed(2),
    utilization: utilization?.toDecimalPlaces(4).toString() ?? null,
    monthlyOnDemandEquivalent: onDemand.toFixed(2),
    monthlyCostIncreaseAtExpiry: onDemand.minus(total.times(scale)).toFixed(2),
  };
}
