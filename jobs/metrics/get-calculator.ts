// The decision-rule calculator, with the company's own monthly infrastructure spend filled in.
import type { DbOrTx } from "../../db/client";
import type { Measure } from "../../db/queries/measure";
import { calculateDecision, type CalculatorInput } from "./decision-calculator";
import { getInfraCostOfLastFullMonth } from "./get-operating-mode";

export async function getCalculator(db: DbOrTx, params: { measure: Measure } & Omit<CalculatorInput, "infraCostPerMonth">) {
  const { measure, ...input } = params;
  const infra = await getInfraCostOfLastFullMonth(db, measure);
  return {
    input: { ...input, infraCostPerMonth: infra.total, infraMonth: infra.month },
    result: calculateDecision({ ...input, infraCostPerMonth: infra.total }),
  };
}
