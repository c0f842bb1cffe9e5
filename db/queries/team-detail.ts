// One team's daily cost by service and by account over a period, every day present, and its share of
// each shared cluster. Amounts in plain notation (toFixed: decimal.js writes tiny amounts as 1e-7 otherwise).
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../client";
import { currentTreeJoins } from "./team-tree";
import { addDays, daysBetween } from "../calendar";
import { getLastCompleteBillingDay } from "./billing-status";
import { measureColumn, type Measure } from "./measure";
import { getTeamClusterShares } from "./team-clusters";

/** Series beyond this many are summed into "Other", so a chart stays readable. */
const TOP_SERIES = 8;
export const OTHER_SERIES = "Other";

export interface DailyBreakdown {
  /** Series names, largest first; "Other" last when present. */
  series: { key: string; label: string; total: string }[];
  days: { day: string; total: string; values: Record<string, string> }[];
}

export async function getTeamDetail(db: DbOrTx, teamId: string, options: { measure: Measure; from?: string; to?: string }) {
  const [team] = await queryRows<{ id: string; name: string; kind: string; groupName: string | null; orgName: string | null; slackChannel: string | null }>(
    db,
    sql`select t.id, t.name, t.kind, g.name as "groupName", o.name as "orgName", t.slack_channel as "slackChannel"
        from teams t ${currentTreeJoins} where t.id = ${teamId}`,
  );
  if (!team) return null;
  const lastDay = (await getLastCompleteBillingDay(db)) ?? new Date().toISOString().slice(0, 10);
  const to = options.to ?? lastDay;
  const from = options.from ?? addDays(to, -89);
  const column = measureColumn(options.measure);
  const breakdown = async (dimension: "service" | "account") => {
    const key = dimension === "service" ? sql`ac.service` : sql`ac.account_id`;
    const label = dimension === "service" ? sql`ac.service` : sql`coalesce(a.name, ac.account_id)`;
    const rows = await queryRows<{ day: string; key: string; label: string; amount: string }>(
      db,
      sql`select ac.day::text as day, ${key} as key, ${label} as label, sum(${column})::text as amount
          from cost_rollup_daily ac left join accounts a on a.id = ac.account_id
          where ac.team_id = ${teamId} and ac.day >= ${from}::date and ac.day <= ${to}::date
          group by 1, 2, 3`,
    );
    return fillDaily(rows, from, to);
  };
  const [byService, byAccount] = [await breakdown("service"), await breakdown("account")];
  // Which kind of decision put the money here: attributed_costs, itself a day-level aggregate, read by (team_id, day).
  const rules = await queryRows<{ decidedBy: string; amount: string }>(
    db,
    sql`select ac.decided_by as "decidedBy", sum(${column})::text as amount from attributed_costs ac
        where ac.team_id = ${teamId} and ac.day >= ${from}::date and ac.day <= ${to}::date group by 1 order by 1`,
  );
  const total = byService.days.reduce((sum, day) => sum.plus(day.total), new Decimal(0)).toFixed();
  const clusters = await getTeamClusterShares(db, teamId, { measure: options.measure, from, to });
  return { team, period: { from, to }, lastCompleteBillingDay: lastDay, total, byService, byAccount, decidedBy: rules, clusters };
}

export function fillDaily(rows: { day: string; key: string; label: string; amount: string }[], from: string, to: string): DailyBreakdown {
  const totals = new Map<string, { label: string; total: Decimal }>();
  for (const row of rows) {
    const entry = totals.get(row.key) ?? { label: row.label, total: new Decimal(0) };
    entry.total = entry.total.plus(row.amount);
    totals.set(row.key, entry);
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1].total.comparedTo(a[1].total));
  const kept = new Set(ranked.slice(0, TOP_SERIES).map(([key]) => key));
  const series = ranked.slice(0, TOP_SERIES).map(([key, entry]) => ({ key, label: entry.label, total: entry.total.toFixed() }));
  if (ranked.length > TOP_SERIES) {
    const other = ranked.slice(TOP_SERIES).reduce((sum, [, entry]) => sum.plus(entry.total), new Decimal(0));
    series.push({ key: OTHER_SERIES, label: OTHER_SERIES, total: other.toFixed() });
  }
  const byDay = new Map<string, Map<string, Decimal>>();
  for (const row of rows) {
    const seriesKey = kept.has(row.key) ? row.key : OTHER_SERIES;
    const values = byDay.get(row.day) ?? new Map<string, Decimal>();
    values.set(seriesKey, (values.get(seriesKey) ?? new Decimal(0)).plus(row.amount));
    byDay.set(row.day, values);
  }
  const days = daysBetween(from, to).map((day) => {
    const values = byDay.get(day) ?? new Map<string, Decimal>();
    const total = [...values.values()].reduce((sum, value) => sum.plus(value), new Decimal(0));
    return {
      day,
      total: total.toFixed(),
      values: Object.fromEntries(series.map(({ key }) => [key, (values.get(key) ?? new Decimal(0)).toFixed()])),
    };
  });
  return { series, days };
}
