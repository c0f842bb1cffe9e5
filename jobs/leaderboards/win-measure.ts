// How much a shipped change saved: the team's attributed cost in the 28 days before shipping against
// the 28 days from shipping (4 whole weeks each, so both see every weekday 4 times), once all 28
// after-days are billed. Charges billed once a month (tax, support, reservation fees, credits,
// refunds) are spread over their month's days, so a window is not skewed by holding a 1st.
import Decimal from "decimal.js";
import { addDays, daysBetween, lastDayOfMonth, monthOf } from "../../db/calendar";

export const WINDOW_DAYS = 28;
/** Realized below this share of the expected savings: "not verified". */
export const VERIFIED_SHARE = new Decimal("0.5");
/** Average days in a month, to state a 28-day saving per month. */
export const DAYS_PER_MONTH = new Decimal("30.4375");
export const MONTHLY_RECORD_TYPES = new Set(["Tax", "Support", "Recurring reservation fee", "Credit", "Refund"]);

export type WinStatus = "measuring" | "verified" | "not-verified";

export interface WinWindows {
  before: { from: string; to: string };
  after: { from: string; to: string };
}

export function winWindows(shippedOn: string): WinWindows {
  return {
    before: { from: addDays(shippedOn, -WINDOW_DAYS), to: addDays(shippedOn, -1) },
    after: { from: shippedOn, to: addDays(shippedOn, WINDOW_DAYS - 1) },
  };
}

export interface CostRow {
  day: string;
  recordType: string;
  amount: string;
}

/** Cost per day, with monthly charges spread evenly over the days of their month. */
export function dailyCost(rows: CostRow[]): Map<string, Decimal> {
  const byDay = new Map<string, Decimal>();
  const add = (day: string, amount: Decimal) => byDay.set(day, (byDay.get(day) ?? new Decimal(0)).plus(amount));
  for (const row of rows) {
    if (!MONTHLY_RECORD_TYPES.has(row.recordType)) {
      add(row.day, new Decimal(row.amount));
      continue;
    }
    const month = monthOf(row.day);
    const days = daysBetween(`${month}-01`, lastDayOfMonth(month));
    const share = new Decimal(row.amount).div(days.length);
    for (const day of days) add(day, share);
  }
  return byDay;
}

const sumDays = (byDay: Map<string, Decimal>, range: { from: string; to: string }) =>
  daysBetween(range.from, range.to).reduce((sum, day) => sum.plus(byDay.get(day) ?? 0), new Decimal(0));

export interface WinMeasurement {
  status: WinStatus;
  windows: WinWindows;
  /** Billed days of the after window so far (0..28). */
  daysMeasured: number;
  costBefore: string | null;
  costAfter: string | null;
  operationsBefore: string | null;
  operationsAfter: string | null;
  /** True when the saving is per operation (both windows have operations), else plain dollars. */
  normalised: boolean;
  /** Per month (28-day saving x 30.4375 / 28), to cents; null while measuring. */
  realizedMonthlySavings: string | null;
  /** realized / expected to 4 places; null while measuring or when nothing was expected. */
  realizedShare: string | null;
}

/**
 * Realized saving of the after window: with operations, what the after window would have cost at the
 * before window's unit cost minus what it cost (volume growth is not a loss, shrinkage not a saving);
 * without, before minus after.
 */
export function measureWin(input: {
  shippedOn: string;
  expectedMonthlySavings: string;
  lastCompleteDay: string | null;
  costs: CostRow[];
  operations: { before: string; after: string } | null;
}): WinMeasurement {
  const windows = winWindows(input.shippedOn);
  const last = input.lastCompleteDay;
  const daysMeasured = !last || last < windows.after.from ? 0 : last >= windows.after.to ? WINDOW_DAYS : daysBetween(windows.after.from, last).length;
  const measuring = { windows, daysMeasured, costBefore: null, costAfter: null, operationsBefore: null, operationsAfter: null, normalised: false, realizedMonthlySavings: null, realizedShare: null };
  if (daysMeasured < WINDOW_DAYS) return { status: "measuring", ...measuring };
  const byDay = dailyCost(input.costs);
  const before = sumDays(byDay, windows.before);
  const after = sumDays(byDay, windows.after);
  const opsBefore = input.operations ? new Decimal(input.operations.before) : null;
  const opsAfter = input.operations ? new Decimal(input.operations.after) : null;
  const normalised = !!opsBefore && !!opsAfter && opsBefore.gt(0) && opsAfter.gt(0);
  const saved = normalised ? before.div(opsBefore!).times(opsAfter!).minus(after) : before.minus(after);
  const monthly = saved.times(DAYS_PER_MONTH).div(WINDOW_DAYS).toDecimalPlaces(2);
  const expected = new Decimal(input.expectedMonthlySavings);
  const share = expected.gt(0) ? monthly.div(expected) : null;
  const verified = expected.gt(0) ? monthly.gte(expected.times(VERIFIED_SHARE)) : monthly.gt(0);
  return {
    ...measuring,
    status: verified ? "verified" : "not-verified",
    costBefore: before.toDecimalPlaces(6).toString(),
    costAfter: after.toDecimalPlaces(6).toString(),
    operationsBefore: opsBefore?.toString() ?? null,
    operationsAfter: opsAfter?.toString() ?? null,
    normalised,
    realizedMonthlySavings: monthly.toFixed(2),
    realizedShare: share?.toDecimalPlaces(4).toString() ?? null,
  };
}
