// Attribution: every billed line of a window goes to exactly one team, or into a shared-cost pool
// that is then split across teams. Set-based SQL classifies the lines (first matching rule by
// priority, effective at the line's day); pure TypeScript splits the pools exactly.
// The window's old attribution is replaced inside the caller's transaction.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { firstOfMonth } from "../../db/calendar";
import { loadOwnerTagKeys } from "../sync/owner-tag-keys";
import type { DayWindow } from "../sync/billing-window";
import { splitPooledCosts } from "./split-pooled-costs";
import { ownerValueExpression, poolSelectsLine, ruleInForce, ruleMatchesLine } from "./rule-match";
import { billedLineFilter } from "./billed-lines";

export interface AttributionStats {
  /** Widened to whole months: a monthly split needs the whole month's direct costs. */
  window: DayWindow;
  directRows: number;
  splitRows: number;
  evenFallbacks: number;
}

/** A line's environment: the first environment tag (by key) with a known value, else its account's. */
async function environmentExpression(tx: DbOrTx) {
  const rows = await queryRows<{ tagKey: string; tagValue: string; environment: string }>(
    tx,
    sql`select tag_key as "tagKey", tag_value as "tagValue", environment::text as environment from environment_tag_values order by tag_key, tag_value`,
  );
  const keys = [...new Set(rows.map((row) => row.tagKey))];
  const byKey = keys.map((key) => {
    const cases = rows.filter((row) => row.tagKey === key).map((row) => sql`when ${row.tagValue}::text then ${row.environment}::text`);
    return sql`(case lower(trim(li.tags ->> ${key}::text)) ${sql.join(cases, sql` `)} end)`;
  });
  return sql`coalesce(${sql.join([...byKey, sql`acct.environment::text`], sql`, `)})`;
}

export async function attributeWindow(tx: DbOrTx, requested: DayWindow, runId: number): Promise<AttributionStats> {
  const window = { start: firstOfMonth(requested.start), end: requested.end };
  const keys = await loadOwnerTagKeys(tx);
  const [resourceRules] = await queryRows<{ any: boolean }>(
    tx,
    sql`select exists (select 1 from ownership_rules where kind = 'resource' and valid_from < ${window.end}::date and (valid_to is null or valid_to > ${window.start}::date)) as any`,
  );
  await tx.execute(sql`delete from attributed_costs where day >= ${window.start}::date and day < ${window.end}::date`);
  await tx.execute(sql`drop table if exists attribution_staging`);
  // Lines first collapse to what the rules can see (day, account, service, record type, environment,
  // owner value; the resource only while resource rules exist), so the per-row rule lookups run on
  // thousands of groups instead of millions of lines. Then one row per decision: the staging table.
  await tx.execute(sql`
    create temp table attribution_staging on commit drop as
    with lines as (
      select li.day, li.account_id, li.service, li.record_type, ${await environmentExpression(tx)} as environment,
             ${ownerValueExpression(keys)} as owner_value, ${resourceRules?.any ? sql`li.resource_id` : sql`null::text`} as resource_id,
             sum(li.unblended_cost) as unblended, sum(li.amortized_cost) as amortized, sum(li.net_amortized_cost) as net_amortized
      from cost_line_items li left join accounts acct on acct.id = li.account_id
      where li.day >= ${window.start}::date and li.day < ${window.end}::date and ${billedLineFilter}
      group by 1, 2, 3, 4, 5, 6, 7
    )
    select l.day, l.account_id, l.service, l.record_type, l.environment,
           coalesce(pool.id, case when rule.id is null then residue.id end) as pool_id,
           rule.id as rule_id, rule.team_id, rule.kind::text as rule_kind,
           sum(l.unblended) as unblended, sum(l.amortized) as amortized, sum(l.net_amortized) as net_amortized
    from lines l
    left join lateral (
      select p.id from shared_cost_pools p
      where ${ruleInForce("p", "l")} and p.residue = 0 and ${poolSelectsLine("p", "l")}
      order by p.priority, p.id limit 1
    ) pool on true
    left join lateral (
      select r.id, r.team_id, r.kind from ownership_rules r
      where pool.id is null and ${ruleInForce("r", "l")} and ${ruleMatchesLine("r", sql`l.owner_value`, "l")}
      order by r.priority, r.id limit 1
    ) rule on true
    left join lateral (
      select p.id from shared_cost_pools p where ${ruleInForce("p", "l")} and p.residue = 1 order by p.priority limit 1
    ) residue on true
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9`);
  const direct = await tx.execute(sql`
    insert into attributed_costs
      (day, team_id, account_id, service, record_type, environment, unblended_cost, amortized_cost, net_amortized_cost, rule_id, decided_by, run_id)
    select day, coalesce(team_id, ${UNATTRIBUTED_TEAM_ID}), account_id, service, record_type, environment,
           unblended, amortized, net_amortized, rule_id, coalesce(rule_kind, 'unattributed'), ${runId}
    from attribution_staging where pool_id is null`);
  const split = await splitPooledCosts(tx, runId);
  return { window, directRows: affectedRows(direct), splitRows: split.rows, evenFallbacks: split.evenFallbacks };
}

function affectedRows(result: unknown): number {
  const r = result as { affectedRows?: number; count?: number };
  return r.affectedRows ?? r.count ?? 0;
}
