// Attribution: every billed line of a window goes to exactly one team, or into a shared-cost pool
// that is then split across teams. Set-based SQL classifies the lines (first matching rule by
// priority, effective at the line's day); pure TypeScript splits the pools exactly.
// The window's old attribution is replaced inside the caller's transaction.
import { sql, type SQL } from "drizzle-orm";
import { affectedRows, queryRows, type DbOrTx } from "../../db/client";
import { groupedByHashing } from "../../db/grouped-by-hashing";
import { COMMON_OWNER_KEYS, COST_EXPLORER_SOURCE, UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { firstOfMonth } from "../../db/calendar";
import { ownerTagKeyPeriods } from "../sync/owner-tag-keys";
import type { DayWindow } from "../sync/billing-window";
import { splitPooledCosts } from "./split-pooled-costs";
import { POD_INSTANCE_LINES, separatePodInstanceLines } from "./pod-instance-lines";
import { CLUSTER_INSTANCE_HOURS, instanceLineThroughPods } from "./cluster-lines";
import { attributeClusters } from "./attribute-clusters";
import { prepareOpenCostLines } from "./opencost-lines";
import { attributeOpenCost } from "./opencost-attribution";
import { lineTag, ownerValueByDay, poolSelectsLine, ruleInForce, ruleKindConditions } from "./rule-match";
import { EXPORT_SOURCES_SQL } from "../../db/domain/billed-lines";
import { daysInWindow } from "../sync/days-in-window";
import { freshPeriodOf, freshTotals, type FreshBatches, type FreshTotal } from "./fresh-lines";

export interface AttributionStats {
  /** Widened to whole months: a monthly split needs the whole month's direct costs. */
  window: DayWindow;
  directRows: number;
  splitRows: number;
  evenFallbacks: number;
  /** The totals of the import's new lines (`fresh`), for its quality report; empty without them. */
  fresh: FreshTotal[];
}

/** The environment a line's tags name: the first environment tag (by key) with a known value; null leaves it to the account. */
function environmentTagExpression(rows: EnvironmentTagValue[], tag: (key: string) => SQL): SQL {
  const keys = [...new Set(rows.map((row) => row.tagKey))];
  const byKey = keys.map((key) => {
    const cases = rows.filter((row) => row.tagKey === key).map((row) => sql`when ${row.tagValue}::text then ${row.environment}::text`);
    return sql`(case lower(trim(${tag(key)})) ${sql.join(cases, sql` `)} end)`;
  });
  return byKey.length === 0 ? sql`null::text` : sql`coalesce(${sql.join(byKey, sql`, `)})`;
}

interface EnvironmentTagValue {
  tagKey: string;
  tagValue: string;
  environment: string;
}

/**
 * The tag keys the window's lines may hold, from the per-month registry every writer fills
 * (line_item_tag_keys): a superset, so testing each owner-like one on a line is exact, and no
 * line's tags need expanding.
 */
async function registeredTagKeys(tx: DbOrTx, window: DayWindow): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(
    tx,
    sql`select distinct tag_key as key from line_item_tag_keys where month >= ${firstOfMonth(window.start)}::date and month < ${window.end}::date`,
  );
  return rows.map((row) => row.key).sort();
}

/**
 * The lines' tag values each expression needs, as group keys of the inner grouping (each read once
 * per line): the key -> column to read it from, and the columns with their count.
 */
function tagColumns(keys: string[]): { tag: (key: string) => SQL; columns: SQL; count: number } {
  const unique = [...new Set(keys)];
  const column = new Map(unique.map((key, i) => [key, `tag_${i}`]));
  return {
    tag: (key) => sql.raw(`li.${column.get(key)!}`),
    columns: sql.join(unique.map((key) => sql`${lineTag(key)} as ${sql.raw(column.get(key)!)}`).concat(sql`null as no_tags`), sql`, `),
    count: unique.length + 1,
  };
}

/** `group by 1, 2, ..., count` */
const firstColumns = (count: number): SQL => sql.raw(Array.from({ length: count }, (_, i) => i + 1).join(", "));

/** `fresh`: an import's new batches, whose lines the scan also totals (fresh-lines.ts). */
export async function attributeWindow(tx: DbOrTx, requested: DayWindow, runId: number, fresh?: FreshBatches): Promise<AttributionStats> {
  const window = { start: firstOfMonth(requested.start), end: requested.end };
  // Each day is read with the owner-tag spellings in force on it: a later list never rewrites earlier days.
  const keyPeriods = await ownerTagKeyPeriods(tx, window);
  const keys = [...new Set(keyPeriods.flatMap((period) => period.keys))];
  const [resourceRules] = await queryRows<{ any: boolean }>(
    tx,
    sql`select exists (select 1 from ownership_rules where kind = 'resource' and valid_from < ${window.end}::date and (valid_to is null or valid_to > ${window.start}::date)) as any`,
  );
  // One pass over the billed lines, each statement of it short: compiling it (JIT) costs more than it saves,
  // and the grouping should stay in memory.
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`set local work_mem = '64MB'`);
  await tx.execute(sql`delete from attributed_costs where ${daysInWindow(window)}`);
  await tx.execute(sql`drop table if exists attribution_lines, attribution_staging, ${sql.raw(POD_INSTANCE_LINES)}`);
  const environmentTags = await queryRows<EnvironmentTagValue>(
    tx,
    sql`select tag_key as "tagKey", tag_value as "tagValue", environment::text as environment from environment_tag_values order by tag_key, tag_value`,
  );
  const ownerLike = new Set([...keys, ...COMMON_OWNER_KEYS].map((key) => key.toLowerCase()));
  const ownerLikeKeys = (await registeredTagKeys(tx, window)).filter((key) => ownerLike.has(key.toLowerCase()));
  // Instances of clusters without split data, split by OpenCost's allocations (opencost-attribution.ts);
  // those whose pods carry split data are left to their pods below.
  const openCostLines = await prepareOpenCostLines(tx, window, null);
  const { tag, columns, count: tagCount } = tagColumns([...keys, ...environmentTags.map((row) => row.tagKey), ...ownerLikeKeys]);
  // A tag value is text: a key is present on a line when its value is not null.
  const ownerKeys = ownerLikeKeys.length === 0 ? sql`'{}'::text[]` : sql`array_remove(array[${sql.join(ownerLikeKeys.map((key) => sql`case when ${tag(key)} is not null then ${key}::text end`), sql`, `)}], null)`;
  // For the quality report only: an owner-like tag with a value that is not blank.
  const ownerTagged = !fresh ? sql`null::boolean` : ownerLikeKeys.length === 0 ? sql`false` : sql`(coalesce(${sql.join(ownerLikeKeys.map((key) => sql`nullif(trim(${tag(key)}), '')`), sql`, `)}) is not null)`;
  // The window's line items (`lines`: from ... where, alias li) collapsed to what rules, reconciliation
  // and the owner rollups can see (source, day, account, service, record type, environment tag, owner
  // value, owner-like tag keys; the resource only while resource rules exist), `perInstance` by the
  // line's resource id as well (column instance). Grouped twice: first by the columns and raw tag
  // values, a plain grouping PostgreSQL runs on parallel workers, then those groups (about as many)
  // by what the rules see. An import's new lines are kept apart by period, invoice and owner-like tag (fresh-lines.ts).
  const groupLines = (lines: SQL, perInstance = false): SQL => sql`
    select li.source, li.day, li.account_id, li.service, li.record_type, ${environmentTagExpression(environmentTags, tag)} as environment_tag,
           ${ownerValueByDay(keyPeriods, tag, sql`li.day`)} as owner_value, li.resource_id, ${ownerKeys} as owner_keys, ${perInstance ? sql`li.instance,` : sql``}
           li.fresh_period, li.invoice_id, ${ownerTagged} as owner_tagged,
           sum(li.unblended) as unblended, sum(li.amortized) as amortized, sum(li.net_amortized) as net_amortized, sum(li.lines)::int as lines,
           bool_or(li.split_lines) as split_lines, li.through_pods
    from (select li.source, li.day, li.account_id, li.service, li.record_type, ${resourceRules?.any ? sql`li.resource_id` : sql`null::text`} as resource_id,
                 ${perInstance ? sql`li.resource_id as instance,` : sql``} ${fresh ? freshPeriodOf(fresh) : sql`null::date`} as fresh_period,
                 ${fresh ? sql`li.invoice_id` : sql`null::text`} as invoice_id, ${columns}, ${openCostLines ? sql`(${openCostLines})` : sql`false`} as through_pods,
                 sum(li.unblended_cost) as unblended, sum(li.amortized_cost) as amortized, sum(li.net_amortized_cost) as net_amortized, sum(coalesce(li.line_count, 1)) as lines,
                 bool_or(li.parent_resource_id is not null) as split_lines
          ${lines}
          group by ${firstColumns(8 + Number(perInstance) + tagCount + 1)}) li
    group by ${firstColumns(12 + Number(perInstance))}, li.through_pods`;
  // The one scan of the window's line items; everything after reads these groups. Hashing them
  // (spilling to disk if it must) is several times faster than the sort of all lines the planner picks.
  const [throughPods, byOpenCost] = await groupedByHashing(tx, async () => {
    await tx.execute(sql`create temp table attribution_lines on commit drop as ${groupLines(sql`from cost_line_items li where ${daysInWindow(window, "li")}`)}`);
    // Instances whose pods carry split data go through their pods (attribute-clusters.ts), not the rules
    // nor OpenCost: only when the scan saw split lines, their lines move to groups of their own (through_pods).
    const separated = await separatePodInstanceLines(tx, window, groupLines);
    return [separated, openCostLines && (await prepareOpenCostLines(tx, window, separated ? instanceLineThroughPods : null))] as const;
  });
  const freshLines = fresh ? await freshTotals(tx) : [];
  await keepBilledLines(tx, window);
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
      where not l.through_pods -- billed (reconciliation) but attributed through their pods or OpenCost allocations
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
  const pods = throughPods ? await attributeClusters(tx, window, runId, keyPeriods) : { rows: 0 };
  const openCost = byOpenCost ? await attributeOpenCost(tx, window, runId, keyPeriods, byOpenCost) : { rows: 0 };
  if (throughPods) await tx.execute(sql.raw(`drop table ${CLUSTER_INSTANCE_HOURS}`)); // not a temp table (cluster-lines.ts)
  return { window, directRows: affectedRows(direct) + pods.rows + openCost.rows, splitRows: split.rows, evenFallbacks: split.evenFallbacks, fresh: freshLines };
}

/**
 * The export wins (billed-lines.ts): the window's account-days that a CUR or FOCUS line covers are
 * recorded, and the Cost Explorer groups of those days dropped from the scan's groups.
 */
async function keepBilledLines(tx: DbOrTx, window: DayWindow): Promise<void> {
  await tx.execute(sql`delete from export_billed_days where ${daysInWindow(window)}`);
  await tx.execute(sql`insert into export_billed_days (day, account_id) select distinct day, account_id from attribution_lines where ${EXPORT_SOURCES_SQL}`);
  await tx.execute(sql`
    delete from attribution_lines l where l.source = ${COST_EXPLORER_SOURCE}
      and exists (select 1 from export_billed_days x where x.day = l.day and x.account_id = l.account_id)`);
}
