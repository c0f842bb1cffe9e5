// The cost a team is held to on the leaderboard, cell by cell (account x service): what it owns now,
// plus what it shed, so spend moved to another team or left unattributed cannot pass for a saving.
// Pure. A cell's growth that belongs to other teams is theirs: it is never charged to this one.
import Decimal from "decimal.js";
import type { CellCost } from "../../db/queries/leaderboard-inputs";

const ZERO = new Decimal(0);
const cellKey = (c: CellCost) => `${c.accountId}\u0000${c.service}`;

/**
 * Σ over the team's cells of: its own current cost + the part of its drop that other owners of the
 * cell (unattributed included) gained, at per-day rates (the baseline scaled to the current days).
 * So the result lies between the team's own cost and, per cell, the larger of its own cost now and
 * before; a drop with no matching rise elsewhere is a real saving and counts in full.
 */
export function footprintCost(teamId: string, cells: readonly CellCost[], days: { current: number; baseline: number }): Decimal {
  if (days.current <= 0 || days.baseline <= 0) return cells.filter((c) => c.teamId === teamId).reduce((sum, c) => sum.plus(c.current), ZERO);
  const toCurrentDays = new Decimal(days.current).div(days.baseline);
  const others = new Map<string, { current: Decimal; baseline: Decimal }>();
  for (const cell of cells) {
    if (cell.teamId === teamId) continue;
    const total = others.get(cellKey(cell)) ?? { current: ZERO, baseline: ZERO };
    others.set(cellKey(cell), { current: total.current.plus(cell.current), baseline: total.baseline.plus(cell.baseline) });
  }
  let footprint = ZERO;
  for (const cell of cells) {
    if (cell.teamId !== teamId) continue;
    const own = new Decimal(cell.current);
    const drop = Decimal.max(ZERO, new Decimal(cell.baseline).times(toCurrentDays).minus(own));
    const rest = others.get(cellKey(cell));
    const othersRise = rest ? Decimal.max(ZERO, rest.current.minus(rest.baseline.times(toCurrentDays))) : ZERO;
    footprint = footprint.plus(own).plus(Decimal.min(drop, othersRise));
  }
  return footprint;
}
