// What the dashboard must show for the demo company, computed here from fixtures/demo/cost-lines.csv with
// decimal.js and the written attribution v1 rules (fixtures/demo/README.md), independently of the SQL.
import Decimal from "decimal.js";
import { loadBillingDataset, type BillingDataset } from "../../jobs/sources/fixtures/dataset";
import { attributeV1 } from "../../fixtures/generator/golden";

export interface MonthExpectation {
  total: Decimal;
  attributed: Decimal;
  unattributed: Decimal;
}

export function loadDemo(dir = "fixtures/demo"): BillingDataset {
  return loadBillingDataset(dir);
}

/** Amortized spend per month, split into attributed and unattributed. */
export function expectedMonths(dataset: BillingDataset): Map<string, MonthExpectation> {
  const months = new Map<string, MonthExpectation>();
  for (const row of dataset.rows) {
    const month = row.day.slice(0, 7);
    const entry = months.get(month) ?? { total: new Decimal(0), attributed: new Decimal(0), unattributed: new Decimal(0) };
    entry.total = entry.total.plus(row.amortized);
    if (attributeV1(row.tags, row.accountId) === "unattributed") entry.unattributed = entry.unattributed.plus(row.amortized);
    else entry.attributed = entry.attributed.plus(row.amortized);
    months.set(month, entry);
  }
  return months;
}

/** One team's amortized spend over [from, to] (inclusive days). */
export function expectedTeamTotal(dataset: BillingDataset, teamId: string, from: string, to: string): Decimal {
  return dataset.rows
    .filter((row) => row.day >= from && row.day <= to && attributeV1(row.tags, row.accountId) === teamId)
    .reduce((sum, row) => sum.plus(row.amortized), new Decimal(0));
}

/** $1,234.57 as en-US currency shows it, rounded half up (what Intl.NumberFormat does), without Intl. */
export function usd(amount: Decimal): string {
  const fixed = amount.abs().toFixed(2, Decimal.ROUND_HALF_UP);
  const [whole, cents] = fixed.split(".") as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${amount.isNegative() && fixed !== "0.00" ? "-" : ""}$${grouped}.${cents}`;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
