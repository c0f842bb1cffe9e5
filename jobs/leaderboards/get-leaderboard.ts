// The leaderboard of a month: reads the month so far (through the last complete billing day) and the
// three months before it, builds each team's inputs and ranks them (score.ts). Badges = verified wins.
import Decimal from "decimal.js";
import { addDays, daysBetween, firstOfMonth, lastDayOfMonth, previousMonth } from "../../db/calendar";
import type { DbOrTx } from "../../db/client";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { listTeamNames } from "../../db/queries/efficiency-costs";
import { getCellCosts, getMonthBudgets, getNudgeOutcomes, getTagClaims, getTeamOperations } from "../../db/queries/leaderboard-inputs";
import type { Measure } from "../../db/queries/measure";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { footprintCost } from "./footprint";
import { rankTeams, WEIGHTS, type TeamInputs } from "./score";
import { getMeasuredWins } from "./wins";

/** The newest month whose every day is billed; the month of the last complete day when it ends one. */
export function defaultMonth(lastCompleteDay: string | null): string {
  const day = lastCompleteDay ?? new Date().toISOString().slice(0, 10);
  return day === lastDayOfMonth(day.slice(0, 7)) ? day.slice(0, 7) : previousMonth(day.slice(0, 7));
}

export async function getLeaderboard(db: DbOrTx, options: { month?: string; measure: Measure }) {
  const lastCompleteDay = await getLastCompleteBillingDay(db);
  const month = options.month ?? defaultMonth(lastCompleteDay);
  const monthEnd = lastDayOfMonth(month);
  const currentTo = lastCompleteDay && lastCompleteDay < monthEnd ? lastCompleteDay : monthEnd;
  const current = { from: `${month}-01`, to: currentTo };
  const baseline = { from: firstOfMonth(`${month}-01`, 3), to: addDays(`${month}-01`, -1) };
  const currentDays = current.to >= current.from ? daysBetween(current.from, current.to).length : 0;
  const monthDays = daysBetween(current.from, monthEnd).length;
  const baselineDays = daysBetween(baseline.from, baseline.to).length;

  const [teams, cells, operations, budgets, tags, nudges, wins] = [
    (await listTeamNames(db)).filter((t) => t.id !== UNATTRIBUTED_TEAM_ID),
    await getCellCosts(db, { current, baseline, measure: options.measure }),
    await getTeamOperations(db, { current, baseline }),
    await getMonthBudgets(db, month),
    await getTagClaims(db, { range: current, measure: options.measure }),
    await getNudgeOutcomes(db, current),
    await getMeasuredWins(db, { measure: options.measure }),
  ];
  const inputs: TeamInputs[] = teams.map((team) => {
    const own = cells.filter((c) => c.teamId === team.id);
    const cost = (w: "current" | "baseline") => own.reduce((sum, c) => sum.plus(c[w]), new Decimal(0));
    // A team's main metric: its largest operation count over both windows.
    const ops = operations.filter((o) => o.teamId === team.id).sort((a, b) => new Decimal(b.baseline).plus(b.current).cmp(new Decimal(a.baseline).plus(a.current)))[0];
    const budget = budgets.get(team.id);
    return {
      teamId: team.id,
      name: team.name,
      current: { cost: cost("current").toString(), days: currentDays, operations: ops?.current ?? null },
      baseline: { cost: cost("baseline").toString(), days: baselineDays, operations: ops?.baseline ?? null },
      footprintCost: footprintCost(team.id, cells, { current: currentDays, baseline: baselineDays }).toString(),
      // A month so far is held to the budget's share of the days billed.
      budget: budget === undefined || currentDays === 0 ? null : { actual: cost("current").toString(), budget: new Decimal(budget).times(currentDays).div(monthDays).toString() },
      tags: tags.get(team.id) ?? null,
      nudges: nudges.get(team.id) ?? null,
    };
  });
  const byId = new Map(inputs.map((i) => [i.teamId, i]));
  const badges = (teamId: string) => wins.filter((w) => w.teamId === teamId && w.badge && w.shippedOn <= monthEnd).map((w) => ({ winId: w.id, title: w.title, shippedOn: w.shippedOn }));
  return {
    month,
    measure: options.measure,
    lastCompleteDay,
    current: { ...current, days: currentDays, complete: currentDays === monthDays },
    baseline: { ...baseline, days: baselineDays },
    weights: WEIGHTS,
    teams: rankTeams(inputs).map((team) => ({
      ...team,
      currentCost: new Decimal(byId.get(team.teamId)!.current.cost).toFixed(2),
      baselineMonthlyCost: new Decimal(byId.get(team.teamId)!.baseline.cost).div(3).toFixed(2),
      badges: badges(team.teamId),
    })),
  };
}
