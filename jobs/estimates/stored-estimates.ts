// Saving an estimate (the one mutation: the role check goes in front of `saveEstimate`) and, after
// launch, comparing it with the owning team's attributed cost month by month.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import { lastDayOfMonth, monthsBetween } from "../../db/calendar";
import type { Measure } from "../../db/queries/measure";
import { getMonthlyCostBreakdown } from "../../db/queries/efficiency-costs";
import { insertEstimate, listStoredEstimates, type StoredEstimate } from "../../db/queries/cost-estimates";
import { getEfficiencyWindow } from "../metrics/efficiency-window";
import { buildEstimate } from "./build-estimate";
import { estimateGap, type MonthGap } from "./estimate-maths";
import type { EstimateInput } from "../../db/domain/estimate-model";

const MAX_MONTHS_COMPARED = 12;

export interface EstimateComparison {
  status: "no-team" | "not-launched" | "no-estimate" | "compared";
  months: MonthGap[];
}

export async function saveEstimate(db: DbOrTx, input: EstimateInput, measure: Measure, savedBy: string) {
  const row = await insertEstimate(db, input, await buildEstimate(db, input, measure), savedBy);
  return describe(row, { status: "not-launched", months: [] });
}

export async function listEstimates(db: DbOrTx, measure: Measure, limit = 50) {
  const window = await getEfficiencyWindow(db);
  const rows = await listStoredEstimates(db, limit);
  const out = [];
  for (const row of rows) out.push(describe(row, await compare(db, row, measure, window?.lastFullMonth ?? null)));
  return out;
}

/** The team's attributed cost (only the services the estimate names, if any) in each complete month since launch. */
async function compare(db: DbOrTx, row: StoredEstimate, measure: Measure, lastFullMonth: string | null): Promise<EstimateComparison> {
  const { estimate, input } = row;
  if (!input.teamId) return { status: "no-team", months: [] };
  if (!input.launchMonth || !lastFullMonth || input.launchMonth > lastFullMonth) return { status: "not-launched", months: [] };
  if (estimate.monthlyCost === null || estimate.low === null || estimate.high === null) return { status: "no-estimate", months: [] };
  const months = monthsBetween(input.launchMonth, lastFullMonth).slice(-MAX_MONTHS_COMPARED);
  const costs = await getMonthlyCostBreakdown(db, { measure, from: `${months[0]}-01`, to: lastDayOfMonth(months.at(-1)!), services: input.services.length ? input.services : undefined });
  const actuals = months.map((month) => ({ month, amount: costs.filter((c) => c.teamId === input.teamId && c.month === month).reduce((s, c) => s.plus(c.amount), new Decimal(0)).toString() }));
  return { status: "compared", months: estimateGap({ monthlyCost: estimate.monthlyCost, low: estimate.low, high: estimate.high }, actuals) };
}

function describe(row: StoredEstimate, comparison: EstimateComparison) {
  return { id: row.id, title: row.title, teamId: row.teamId, launchMonth: row.launchMonth?.slice(0, 7) ?? null, savedBy: row.savedBy, savedAt: row.savedAt.toISOString(), input: row.input, estimate: row.estimate, comparison };
}
