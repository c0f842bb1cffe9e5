// The Ownership page: how much spend has an owner, what has none and why (accounts, services,
// owner-tag values no team claims, tag-key spellings), and the largest untagged resources.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { UNATTRIBUTED_TEAM_ID, COMMON_OWNER_KEYS } from "../schema";
import { measureColumn, type Measure } from "./measure";
import { costRollupDays, costRollupRange } from "./rollup-range";

const COMMON_OWNER_KEYS_ARRAY = `{${COMMON_OWNER_KEYS.join(",")}}`;

export async function getOwnershipSummary(db: DbOrTx, options: { from: string; to: string; measure: Measure }) {
  const column = measureColumn(options.measure);
  const inRange = (alias: string) => sql`${sql.raw(alias)}.day >= ${options.from}::date and ${sql.raw(alias)}.day <= ${options.to}::date`;
  const hasOwnerKeys = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from owner_tag_keys`))[0]!.n > 0;

  const byDay = await queryRows<{ day: string; total: string; attributed: string }>(
    db,
    sql`select ac.day::text as day, sum(${column})::text as total,
          coalesce(sum(${column}) filter (where ac.team_id <> ${UNATTRIBUTED_TEAM_ID}), 0)::text as attributed
        from ${costRollupDays(options.from, options.to)} ac group by 1 order by 1`,
  );
  const unattributedBy = (dimension: "account" | "service") =>
    queryRows<{ key: string; label: string; amount: string }>(
      db,
      sql`select ${dimension === "account" ? sql`ac.account_id` : sql`ac.service`} as key,
            ${dimension === "account" ? sql`coalesce(a.name, ac.account_id)` : sql`ac.service`} as label, sum(${column})::text as amount
          from ${costRollupRange(options.from, options.to)} ac left join accounts a on a.id = ac.account_id
          where ac.team_id = ${UNATTRIBUTED_TEAM_ID} group by 1, 2 order by sum(${column}) desc limit 20`,
    );
  // Owner values no tag rule in force on that day claims (the rollup holds lines' resolved values).
  const unclaimedTagValues = !hasOwnerKeys
    ? []
    : await queryRows<{ value: string; amount: string; lines: number }>(
        db,
        sql`select ov.owner_value as value, sum(${measureColumn(options.measure, "ov")})::text as amount, sum(ov.lines)::int as lines
            from owner_value_rollup_daily ov
            where ${inRange("ov")}
              and not exists (select 1 from ownership_rules r where r.kind = 'tag' and r.tag_value = ov.owner_value
                                and r.valid_from <= ov.day and (r.valid_to is null or ov.day < r.valid_to))
            group by 1 order by sum(${measureColumn(options.measure, "ov")}) desc limit 20`,
      );
  const tagKeysSeen = await queryRows<{ tagKey: string; configured: boolean; amount: string; lines: number }>(
    db,
    sql`select k.tag_key as "tagKey", exists (select 1 from owner_tag_keys o where o.tag_key = k.tag_key) as configured,
          sum(${measureColumn(options.measure, "k")})::text as amount, sum(k.lines)::int as lines
        from owner_tag_key_rollup_daily k
        where ${inRange("k")}
          and lower(k.tag_key) in (select lower(tag_key) from owner_tag_keys union select unnest(${COMMON_OWNER_KEYS_ARRAY}::text[]))
        group by 1, 2 order by sum(${measureColumn(options.measure, "k")}) desc`,
  );
  // Resource costs stay line-level (no resource rollup): one pass over the range's lines, joined by hash.
  const untaggedResources = await queryRows<{ arn: string; accountId: string; region: string; service: string; resourceType: string; lastSeenAt: string; amount: string | null }>(
    db,
    sql`with untagged as (
          select r.* from resources r where not exists (select 1 from owner_tag_keys k where coalesce(trim(r.tags ->> k.tag_key), '') <> '')
        ), cost as (
          select li.resource_id, sum(${measureColumn(options.measure, "li")}) as amount from cost_line_items li
          where ${inRange("li")} and li.resource_id in (select arn from untagged) group by 1
        )
        select r.arn, r.account_id as "accountId", r.region, r.service, r.resource_type as "resourceType", r.last_seen_at::text as "lastSeenAt",
          cost.amount::text as amount
        from untagged r left join cost on cost.resource_id = r.arn
        order by cost.amount desc nulls last, r.last_seen_at desc, r.arn limit 25`,
  );
  const [untaggedCount] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from resources r where not exists (select 1 from owner_tag_keys k where coalesce(trim(r.tags ->> k.tag_key), '') <> '')`,
  );
  return {
    period: { from: options.from, to: options.to },
    byDay,
    unattributedByAccount: await unattributedBy("account"),
    unattributedByService: await unattributedBy("service"),
    unclaimedTagValues,
    tagKeysSeen,
    untaggedResources: { count: untaggedCount?.n ?? 0, largest: untaggedResources },
  };
}
