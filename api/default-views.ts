// The requests each dashboard page makes when it opens with nothing chosen (DASHBOARD_DEFAULTS),
// spelled as the web client spells them, most visited first: what the cache warmer computes
// after each change, so the first reader after a sync or an import is answered from memory.
// Query order does not matter (the cache key sorts it); presence does.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import { addDays } from "../db/calendar";
import { getLastCompleteBillingDay } from "../db/queries/billing-status";
import { DASHBOARD_DEFAULTS as D } from "./dashboard-defaults";

/** Team pages warmed, the biggest spenders first: beyond these a team's first read computes. */
export const WARMED_TEAM_PAGES = 100;

const path = (route: string, query: Record<string, string | number> = {}) => {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return `/api${route}${search ? `?${search}` : ""}`;
};

/** The pages' period presets, as web/src/routing/period.ts and the org roll-up card resolve them. */
export function defaultPeriods(lastDay: string | null): { preset?: { from: string; to: string }; orgRollup?: { from: string; to: string } } {
  if (!lastDay) return {};
  return { preset: { from: addDays(lastDay, -(D.periodDays - 1)), to: lastDay }, orgRollup: { from: `${lastDay.slice(0, 7)}-01`, to: lastDay } };
}

export function defaultViewPaths(lastDay: string | null, teamIds: readonly string[]): string[] {
  const measure = D.measure;
  const { preset, orgRollup } = defaultPeriods(lastDay);
  return [
    path("/overview", { measure, months: D.overviewMonths }),
    path("/teams", { measure }),
    path("/org", { measure, ...orgRollup }),
    path("/ownership/summary", { measure, ...preset }),
    path("/ownership/rules"),
    path("/ownership/audit", { limit: D.ownershipAuditLimit }),
    path("/metrics/efficiency", { measure }),
    path("/metrics/teams", { measure }),
    path("/metrics/revenue", { measure }),
    path("/metrics/environments", { measure }),
    path("/metrics/operating-mode", { measure }),
    path("/metrics/calculator", { measure, ...D.calculator }),
    path("/budgets/review", { measure, threshold: D.budgetThreshold }),
    // The review page asks for its audit once the review has answered, with the review's month.
    path("/budgets/audit", { month: (lastDay ?? new Date().toISOString()).slice(0, 7), limit: D.budgetAuditLimit }),
    path("/leaderboard", { measure }),
    path("/wins", { measure }),
    ...teamIds.map((id) => path(`/teams/${encodeURIComponent(id)}`, { measure, ...preset })),
  ];
}

/** The default views as of now: the last complete billing day and the teams that spend most. */
export async function defaultViews(db: DbOrTx): Promise<string[]> {
  const lastDay = await getLastCompleteBillingDay(db);
  const teams = await queryRows<{ id: string }>(
    db,
    sql`select t.id from teams t left join cost_rollup_monthly m on m.team_id = t.id
        where t.kind = 'team' group by t.id order by coalesce(sum(m.amortized_cost), 0) desc, t.id limit ${WARMED_TEAM_PAGES}`,
  );
  return defaultViewPaths(lastDay, teams.map((t) => t.id));
}
