// A fair leaderboard: each team against its own baseline (the three months before), never by
// absolute dollars. Pure: the inputs are sums the caller read; every ratio is absent, not NaN,
// when its base is zero, and a component a team has no data for counts as neutral (NEUTRAL_SCORE).
import Decimal from "decimal.js";

export const COMPONENTS = ["unitCost", "growthGap", "budgetAdherence", "tagHygiene", "nudgesResolved"] as const;
export type Component = (typeof COMPONENTS)[number];

/** Weights of the combined score (they sum to 1); a missing component keeps its weight at NEUTRAL_SCORE. */
export const WEIGHTS: Record<Component, number> = { unitCost: 0.35, growthGap: 0.2, budgetAdherence: 0.2, tagHygiene: 0.15, nudgesResolved: 0.1 };
/** A ±20% change of unit cost (or of growth gap) maps to the ends of 0..1; no change is 0.5. */
export const CHANGE_SCALE = new Decimal("0.2");
/** Off budget by this fraction or more (either way) scores 0 on adherence. */
export const ADHERENCE_SCALE = new Decimal("0.2");
/** The score of a component without data: the middle of 0..1 (no change), so lacking data neither helps nor hurts. */
export const NEUTRAL_SCORE = new Decimal("0.5");

export interface Window {
  /** Attributed cost in the window. */
  cost: string;
  /** Days the window covers (the baseline's 3 months, the month's complete days). */
  days: number;
  /** The team's operations in the window, null when the team reports none. */
  operations: string | null;
}

export interface TeamInputs {
  teamId: string;
  name: string;
  current: Window;
  baseline: Window;
  /**
   * The team's own cost plus what it shed to other owners of its (account, service) cells (footprint.ts):
   * spend that moved to another team or went unattributed stays in it, so it cannot pass for a saving,
   * and other teams' growth in a shared cell never enters it.
   */
  footprintCost: string;
  budget: { actual: string; budget: string } | null;
  tags: { tagged: string; claimable: string } | null;
  nudges: { resolved: number; total: number } | null;
}

export interface ComponentScore {
  /** The measured figure: a change ratio, a deviation or a share, as a decimal string. */
  value: string;
  /** Normalised to 0..1, higher is better. */
  score: string;
}

export interface TeamScore {
  teamId: string;
  name: string;
  rank: number | null;
  /** 0..100 over all components, a missing one at NEUTRAL_SCORE; null when the team has none. */
  score: string | null;
  components: Partial<Record<Component, ComponentScore>>;
}

const clampUnit = (x: Decimal) => Decimal.max(0, Decimal.min(1, x));
const fromChange = (change: Decimal) => clampUnit(change.div(CHANGE_SCALE.times(2)).plus("0.5"));
const component = (value: Decimal, score: Decimal): ComponentScore => ({ value: value.toDecimalPlaces(6).toString(), score: score.toDecimalPlaces(6).toString() });

/** The cost a saving may claim: the larger of the team's own cost and its footprint's (see TeamInputs). */
export function creditedCost(inputs: Pick<TeamInputs, "current" | "footprintCost">): Decimal {
  return Decimal.max(inputs.current.cost, inputs.footprintCost);
}

/** (baseline unit cost - current unit cost) / baseline unit cost: positive when each operation got cheaper. */
export function unitCostImprovement(inputs: TeamInputs): Decimal | null {
  const { current, baseline } = inputs;
  if (current.operations === null || baseline.operations === null) return null;
  const opsNow = new Decimal(current.operations);
  const opsBase = new Decimal(baseline.operations);
  const costBase = new Decimal(baseline.cost);
  if (opsNow.lte(0) || opsBase.lte(0) || costBase.lte(0)) return null;
  const unitBase = costBase.div(opsBase);
  return unitBase.minus(creditedCost(inputs).div(opsNow)).div(unitBase);
}

/** Operations growth minus spend growth (per day, current vs baseline): positive when spend grew slower. */
export function growthGap(inputs: TeamInputs): Decimal | null {
  const { current, baseline } = inputs;
  if (current.operations === null || baseline.operations === null || current.days <= 0 || baseline.days <= 0) return null;
  const rate = (amount: Decimal.Value, days: number) => new Decimal(amount).div(days);
  const opsBase = rate(baseline.operations, baseline.days);
  const costBase = rate(baseline.cost, baseline.days);
  if (opsBase.lte(0) || costBase.lte(0)) return null;
  const opsGrowth = rate(current.operations, current.days).div(opsBase).minus(1);
  const spendGrowth = rate(creditedCost(inputs), current.days).div(costBase).minus(1);
  return opsGrowth.minus(spendGrowth);
}

export function scoreTeam(inputs: TeamInputs): Omit<TeamScore, "rank"> {
  const components: Partial<Record<Component, ComponentScore>> = {};
  const unit = unitCostImprovement(inputs);
  if (unit) components.unitCost = component(unit, fromChange(unit));
  const gap = growthGap(inputs);
  if (gap) components.growthGap = component(gap, fromChange(gap));
  if (inputs.budget && new Decimal(inputs.budget.budget).gt(0)) {
    const deviation = new Decimal(inputs.budget.actual).minus(inputs.budget.budget).abs().div(inputs.budget.budget);
    components.budgetAdherence = component(deviation, clampUnit(new Decimal(1).minus(deviation.div(ADHERENCE_SCALE))));
  }
  if (inputs.tags && new Decimal(inputs.tags.claimable).gt(0)) {
    const share = clampUnit(new Decimal(inputs.tags.tagged).div(inputs.tags.claimable));
    components.tagHygiene = component(share, share);
  }
  if (inputs.nudges && inputs.nudges.total > 0) {
    const share = new Decimal(inputs.nudges.resolved).div(inputs.nudges.total);
    components.nudgesResolved = component(share, share);
  }
  if (COMPONENTS.every((key) => !components[key])) return { teamId: inputs.teamId, name: inputs.name, score: null, components };
  const weighted = COMPONENTS.reduce((sum, key) => sum.plus(new Decimal(components[key]?.score ?? NEUTRAL_SCORE).times(WEIGHTS[key])), new Decimal(0));
  const score = weighted.times(100).toDecimalPlaces(2).toString();
  return { teamId: inputs.teamId, name: inputs.name, score, components };
}

/** Teams by score, best first (ties share a rank, then by name); unscored teams last, unranked. */
export function rankTeams(teams: TeamInputs[]): TeamScore[] {
  const scored = teams.map(scoreTeam);
  scored.sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? a.name.localeCompare(b.name) : 1) : -1;
    return new Decimal(b.score).cmp(a.score) || a.name.localeCompare(b.name);
  });
  let rank = 0;
  return scored.map((team, index) => {
    if (team.score === null) return { ...team, rank: null };
    if (index === 0 || scored[index - 1]!.score !== team.score) rank = index + 1;
    return { ...team, rank };
  });
}
