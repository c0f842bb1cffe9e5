// Attribution: every billed line of a window goes to exactly one team, or into a shared-cost pool
// that is then split across teams. Set-based SQL classifies the lines (first matching rule by
// priority, effective at the line's day); pure TypeScript splits the pools exactly.
// The window's old attribution is replaced inside the caller's transaction.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { COMMON_OWNER_KEYS, UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { firstOfMonth } from "../../db/calendar";
import { loadOwnerTagKeys } from "../sync/owner-tag-keys";
import type { DayWindow } from "../sync/billing-window";
import { splitPooledCosts } from "./split-pooled-costs";
import { ownerValueExpression, poolSelectsLine, ruleInForce, ruleKindConditions } from "./rule-match";
import { billedLineFilter } from "./billed-lines";

export interface AttributionStats {
  /** Widened to whole months: a monthly split needs the whole month's direct costs. */
  window: DayWindow;
  directRows: number;
  splitRows: number;
  evenFallbacks: number;
}

/** The environment a line's tags name: the first environment tag (by key) with a known value; null leaves it to the account. */
async function environmentTagExpression(tx: DbOrTx) {
  const rows = await queryRows<{ tagKey: string; tagValue: string; environment: string }>(
    tx,
    sql`select tag_key as "tagKey", tag_value as "tagValue", environment::text as environment from environment_tag_values order by tag_key, tag_value`,
  );
  const keys = [...new Set(rows.map((row) => row.tagKey))];
  const byKey = keys.map((key) => {
    const cases = rows.filter((row) => row.tagKey === key).map((row) => sql`when ${row.tagValue}::text then ${row.environment}::text`);
    return sql`(case lower(trim(li.tags ->> ${key}::text)) ${sql.join(cases, sql` `)} end)`;
  });
  return byKey.length === 0 ? sql`null::text` : sql`coalesce(${sql.join(byKey, sql`, `)})`;
}

const textArray = (values: string[]) => `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;

/**
 * The line's owner-like tag keys as written (for the Ownership page's tag-key rollup). Expanding
 * every line's tags (jsonb_object_keys) cost more than the rest of the pass, so the key spellings
 * are learnt from a sample of the window (1% of its pages and its first thousand lines), and a line holding only known keys is answered by a
 * few `?` tests; a line with any other key is still expanded, so the answer is exact either way.
 */
async function ownerLikeKeysExpression(tx: DbOrTx, window: DayWindow, ownerKeys: string[]) {
  const ownerLike = [...new Set([...ownerKeys, ...COMMON_OWNER_KEYS].map((key) => key.toLowerCase()))];
  const sampled = await queryRows<{ key: string }>(
    tx,
    sql`select distinct k as key from (
          (select tags from cost_line_items tablesample system (1) where day >= ${window.start}::date and day < ${window.end}::date)
          union all (select tags from cost_line_items where day >= ${window.start}::date and day < ${window.end}::date limit 1000)) s
        cross join lateral jsonb_object_keys(s.tags) k`,
  );
  const known = sampled.map((row) => row.key).sort();
  const knownOwnerLike = known.filter((key) => ownerLike.includes(key.toLowerCase()));
  const expanded = sql`array(select k from jsonb_object_keys(li.tags) k where lower(k) = any(${textArray(ownerLike)}::text[]) order by k)`;
  if (known.length === 0) return sql`(case when li.tags = '{}'::jsonb then '{}'::text[] else ${expanded} end)`;
  const present = knownOwnerLike.map((key) => sql`case when li.tags ? ${key}::text then ${key}::text end`);
  return sql`(case when (li.tags - ${textArray(known)}::text[]) = '{}'::jsonb then ${present.length === 0 ? sql`'{}'::text[]` : sql`array_remove(array[${sql.join(present, sql`, `)}], null)`} else ${expanded} end)`;
}

export async function attributeWindow(tx: DbOrTx, requested: DayWindow, runId: number): Promise<AttributionStats> {
  const window = { start: firstOfMonth(requested.start), end: requested.end };
  const keys = await loadOwnerTagKeys(tx);
  const [resourceRules] = await queryRows<{ any: boolean }>(
    tx,
    sql`select exists (select 1 from ownership_rules where kind = 'resource' and valid_from < ${window.end}::date and (valid_to is null or valid_to > ${window.start}::date)) as any`,
  );
  // One pass over the billed lines, each statement of it short: compiling it (JIT) costs more than it saves,
  // and the grouping should stay in memory.
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`set local work_mem = '64MB'`);
  await tx.execute(sql`delete from attributed_costs where day >= ${window.start}::date and day < ${window.end}::date`);
  await tx.execute(sql`drop table if exists attribution_lines, attribution_staging`);
  // The one scan of the window's line items: collapsed to what rules, reconciliation and the owner
  // rollups can see (day, account, service, record type, environment tag, owner value, owner-like tag
  // keys; the resource only while resource rules exist). Everything after reads these groups.
  await tx.execute(sql`
    create temp table attribution_lines on commit drop as
    select li.day, li.account_id, li.service, li.record_type, ${await environmentTagExpression(tx)} as environment_tag,
           ${ownerValueExpression(keys)} as owner_value, ${resourceRules?.any ? sql`li.resource_id` : sql`null::text`} as resource_id,
           ${await ownerLikeKeysExpression(tx, window, keys)} as owner_keys,
           sum(li.unblended_cost) as unblended, sum(li.amortized_cost) as amortized, sum(li.net_amortized_cost) as net_amortized, count(*)::int as lines
    from cost_line_items li
    where li.day >= ${window.start}::date and li.day < ${window.end}::date and ${billedLineFilter}
    group by 1, 2, 3, 4, 5, 6, 7, 8`);
  await tx.execute(sql`analyze attribution_lines`);
  // First match by priority, per kind as a hash join on its key (distinct on keeps the first), then
  // one row per decision: the staging table.
  const rules = ruleKindConditions("r", sql`g.owner_value`, "g");
  const candidates = Object.entries(rules).map(
    ([kind, condition]) => sql`select g.gid, r.priority, r.id, r.team_id, r.kind from groups g join ownership_rules r on r.kind = ${sql.raw(`'${kind}'`)} and ${condition} and ${ruleInForce("r", "g")}`,
  );
  await tx.execute(sql`
    create temp table attribution_staging on commit drop as
    with groups as (
      select row_number() over () as gid, l.day, l.account_id, l.service, l.record_type, coalesce(l.environment_tag, acct.environment::text) as environment,
             l.owner_value, l.resource_id, sum(l.unblended) as unblended, sum(l.amortized) as amortized, sum(l.net_amortized) as net_amortized
      from attribution_lines l left join accounts acct on acct.id = l.account_id
      group by 2, 3, 4, 5, 6, 7, 8
    ), pool as (
      select distinct on (g.gid) g.gid, p.id from groups g join shared_cost_pools p on p.residue = 0 and ${ruleInForce("p", "g")} and ${poolSelectsLine("p", "g")}
      order by g.gid, p.priority, p.id
    ), rule as (
      select distinct on (c.gid) c.gid, c.id, c.team_id, c.kind from (${sql.join(candidates, sql` union all `)}) c order by c.gid, c.priority, c.id
    ), residue as (
      select distinct on (g.gid) g.gid, p.id from groups g join shared_cost_pools p on p.residue = 1 and ${ruleInForce("p", "g")} order by g.gid, p.priority, p.id
    )
    select g.day, g.account_id, g.service, g.record_type, g.environment,
           coalesce(pool.id, case when rule.id is null then residue.id end) as pool_id,
           case when pool.id is null then rule.id end as rule_id, case when pool.id is null then rule.team_id end as team_id,
           case when pool.id is null then rule.kind::text end as rule_kind,
           sum(g.unblended) as unblended, sum(g.amortized) as amortized, sum(g.net_amortized) as net_amortized
    from groups g left join pool on pool.gid = g.gid left join rule on rule.gid = g.gid left join residue on residue.gid = g.gid
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
