// How commitments change each team's cost: the team's covered usage at commitment rates, what it
// would cost on demand (covered / observed rate), its share of unused commitment as the shared-cost
// rules attributed it, and the unit cost with and without commitments. Pure.
import Decimal from "decimal.js";
import type { TeamCommitmentMonth } from "../../db/queries/commitment-lines";
import type { MonthTeamOperations } from "../../db/queries/business-inputs";
import { unitCost, DEFAULT_UNIT_N, DEFAULT_MIN_VOLUME } from "../metrics/unit-cost";

export interface TeamCommitmentEffect {
  teamId: string;
  name: string;
  amortized: string; // as attributed: usage at commitment rates + its share of unused commitment
  coveredEffective: string;
  coveredOnDemandEquivalent: string;
  savings: string; // on-demand equivalent - effective cost of its covered usage
  unusedCommitment: string;
  unusedBy: Record<string, string>;
  netBenefit: string; // savings - unused commitment carried
  withoutCommitments: string; // amortized - covered - unused + on-demand equivalent
  metric: string | null;
  operations: string;
  unitCost: string | null; // per DEFAULT_UNIT_N operations of its main metric, all environments
  unitCostWithoutCommitments: string | null;
}

export function teamCommitmentEffects(rows: readonly TeamCommitmentMonth[], operations: readonly MonthTeamOperations[], names: ReadonlyMap<string, string>, month: string, rate: Decimal): TeamCommitmentEffect[] {
  return rows
    .filter((row) => row.month === month)
    .map((row) => {
      const amortized = new Decimal(row.amortized);
      const covered = new Decimal(row.coveredEffective);
      const unused = new Decimal(row.unusedCommitment);
      const onDemand = covered.div(rate);
      const without = amortized.minus(covered).minus(unused).plus(onDemand);
      const own = operations.filter((o) => o.teamId === row.teamId && o.month === month).sort((a, b) => new Decimal(b.count).comparedTo(a.count));
      const metric = own[0]?.metric ?? null;
      const volume = own.filter((o) => o.metric === metric).reduce((a, o) => a.plus(o.count), new Decimal(0)).toString();
      const unit = (cost: Decimal) => (metric ? unitCost(cost.toString(), volume, { n: DEFAULT_UNIT_N, minVolume: DEFAULT_MIN_VOLUME }) : null);
      return {
        teamId: row.teamId,
        name: names.get(row.teamId) ?? row.teamId,
        amortized: amortized.toFixed(2),
        coveredEffective: covered.toFixed(2),
        coveredOnDemandEquivalent: onDemand.toFixed(2),
        savings: onDemand.minus(covered).toFixed(2),
        unusedCommitment: unused.toString(), // exact: the pool split it to the last unit
        unusedBy: row.unusedBy,
        netBenefit: onDemand.minus(covered).minus(unused).toFixed(2),
        withoutCommitments: without.toFixed(2),
        metric,
        operations: volume,
        unitCost: unit(amortized),
        unitCostWithoutCommitments: unit(without),
      };
    })
    .filter((t) => !new Decimal(t.coveredEffective).isZero() || !new Decimal(t.unusedCommitment).isZero())
    .sort((a, b) => new Decimal(b.netBenefit).comparedTo(a.netBenefit) || a.teamId.localeCompare(b.teamId));
}
