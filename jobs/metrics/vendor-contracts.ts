// What the vendor contracts cost in a given month: only the contracts in force in it, a month in
// which a contract starts or ends prorated by its days in force (the CSV states a monthly cost).
import Decimal from "decimal.js";
import { addDays, lastDayOfMonth } from "../../db/calendar";
import type { Vendor } from "../../db/queries/business-inputs";

/** What the cost maths needs of a vendor row. */
export type VendorContract = Pick<Vendor, "name" | "monthlyCostUsd" | "teamId" | "production" | "startDate" | "endDate">;

/** The last day each contract is in force: its end date, cut short by the same vendor's next contract. */
function lastDays(contracts: readonly VendorContract[]): Map<VendorContract, string | null> {
  const sorted = [...contracts].sort((a, b) => a.name.localeCompare(b.name) || a.startDate.localeCompare(b.startDate));
  return new Map(
    sorted.map((contract, i) => {
      const next = sorted[i + 1]?.name === contract.name ? addDays(sorted[i + 1]!.startDate, -1) : null;
      const last = contract.endDate !== null && (next === null || contract.endDate < next) ? contract.endDate : next;
      return [contract, last];
    }),
  );
}

/** Days of `month` (YYYY-MM) in [first, last] (last null = open). */
function daysInForce(month: string, first: string, last: string | null): number {
  const monthStart = `${month}-01`;
  const monthEnd = lastDayOfMonth(month);
  const from = first > monthStart ? first : monthStart;
  const to = last !== null && last < monthEnd ? last : monthEnd;
  return from > to ? 0 : Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/** Cost in `month` of the contracts `include` picks, each prorated to cents by its days in force. */
export function contractCostInMonth(contracts: readonly VendorContract[], month: string, include: (contract: VendorContract) => boolean = () => true): string {
  const monthDays = Number(lastDayOfMonth(month).slice(8));
  let total = new Decimal(0);
  for (const [contract, last] of lastDays(contracts)) {
    if (!include(contract)) continue;
    const days = daysInForce(month, contract.startDate, last);
    if (days === 0) continue;
    total = total.plus(days === monthDays ? contract.monthlyCostUsd : new Decimal(contract.monthlyCostUsd).times(days).div(monthDays).toDecimalPlaces(2));
  }
  return total.toString();
}
