// What the dashboard must show for the demo company: fixtures/demo/golden.json, which the fixture
// generator computes independently of the app (and test/unit/demo-fixture.test.ts ties to the CSV).
import { readFileSync } from "node:fs";
import Decimal from "decimal.js";
export { addDays } from "../../db/calendar";
import { loadBillingDataset, type BillingDataset } from "../../jobs/sources/fixtures/dataset";

export interface MonthExpectation {
  total: Decimal;
  attributed: Decimal;
  unattributed: Decimal;
}

interface Golden {
  months: Record<string, { amortized: string; unblended: string; attributedAmortized: string; unattributedAmortized: string }>;
  teams: Record<string, Record<string, string>>;
}

export const golden: Golden = JSON.parse(readFileSync("fixtures/demo/golden.json", "utf8"));

export function loadDemo(dir = "fixtures/demo"): BillingDataset {
  return loadBillingDataset(dir);
}

/** Amortized spend per month, split into attributed (shared costs included) and unattributed. */
export function expectedMonths(): Map<string, MonthExpectation> {
  return new Map(
    Object.entries(golden.months).map(([month, m]) => [
      month,
      { total: new Decimal(m.amortized), attributed: new Decimal(m.attributedAmortized), unattributed: new Decimal(m.unattributedAmortized) },
    ]),
  );
}

/** One team's amortized spend in a month, its shares of shared costs included. */
export function expectedTeamMonth(teamId: string, month: string): Decimal {
  return new Decimal(golden.teams[teamId]![month]!);
}

/** $1,234.57 as en-US currency shows it, rounded half up (what Intl.NumberFormat does), without Intl. */
export function usd(amount: Decimal): string {
  const fixed = amount.abs().toFixed(2, Decimal.ROUND_HALF_UP);
  const [whole, cents] = fixed.split(".") as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${amount.isNegative() && fixed !== "0.00" ? "-" : ""}$${grouped}.${cents}`;
}
