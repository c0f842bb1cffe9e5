// The operating-mode diagnosis for the last full month, from the same figures the page shows.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import type { Measure } from "../../db/queries/measure";
import { getVendors } from "../../db/queries/business-inputs";
import { getEfficiencyCards, DEFAULT_UNIT_COST_SCOPE } from "./get-efficiency-cards";
import { getRevenueView } from "./get-revenue-view";
import { diagnoseOperatingMode } from "./operating-mode";
import { contractCostInMonth } from "./vendor-contracts";

/** Cloud cost of the last full month plus every vendor contract in force in it: what "infrastructure" means in the checks. */
export async function getInfraCostOfLastFullMonth(db: DbOrTx, measure: Measure) {
  const [revenue, vendors] = await Promise.all([getRevenueView(db, { measure }), getVendors(db)]);
  const last = revenue?.months.at(-1) ?? null;
  const vendorCost = new Decimal(last ? contractCostInMonth(vendors, last.month) : "0");
  return { month: last?.month ?? null, cloud: last?.infraCost ?? "0", vendors: vendorCost.toString(), total: vendorCost.plus(last?.infraCost ?? "0").toString(), revenue };
}

export async function getOperatingMode(db: DbOrTx, params: { measure: Measure }) {
  const [infra, cards] = await Promise.all([getInfraCostOfLastFullMonth(db, params.measure), getEfficiencyCards(db, { measure: params.measure, scope: DEFAULT_UNIT_COST_SCOPE })]);
  if (!infra.month || !infra.revenue || !cards.cards) return null;
  const revenueMonth = infra.revenue.revenueFigures.find((r) => r.month === infra.month) ?? null;
  const engineers = cards.overheadMonthly.find((p) => p.month === infra.month)?.engineers ?? null;
  const diagnosis = diagnoseOperatingMode({
    month: infra.month,
    revenue: revenueMonth?.revenue ?? null,
    cash: revenueMonth?.cash ?? null,
    netBurn: revenueMonth?.netBurn ?? null,
    infraCost: infra.total,
    engineers,
    revenueQuarterlyGrowth: infra.revenue.revenueQuarterlyGrowth,
    shareTrend: infra.revenue.shareTrend,
    unitCost: { label: cards.cards.unitCost.unitLabel, value: cards.cards.unitCost.value, target: cards.cards.unitCost.goal?.targetValue ?? null },
    overheadPerEngineer: { value: cards.cards.engineerOverhead.value, target: cards.cards.engineerOverhead.goal?.targetValue ?? null },
  });
  return { ...diagnosis, infraCost: { cloud: infra.cloud, vendors: infra.vendors, total: infra.total } };
}
