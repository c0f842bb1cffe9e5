// The Ownership page: how much spend has an owner, what has none and why (accounts, services,
// owner-tag values no team claims, tag-key spellings), and the largest untagged resources.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { UNATTRIBUTED_TEAM_ID } from "../schema";
import { measureColumn, type Measure } from "./measure";

/** Owner-tag spellings worth reporting even when not configured: they hint at missed owners. */
const COMMON_OWNER_KEYS = "{owner,team,squad,service-owner,cost-center}";

export async function getOwnershipSummary(db: DbOrTx, options: { from: string; to: string; measure: Measure }) {
  const column = measureColumn(options.measure);
  const lineColumn = measureColumn(options.measure, "li");
  const inRange = (alias: string) => sql`${sql.raw(alias)}.day >= ${options.from}::date and ${sql.raw(alias)}.day <= ${options.to}::date`;
  const ownerKeys = (await queryRows<{ tagKey: string }>(db, sql`select tag_key as "tagKey" from owner_tag_keys order by position`)).map((r) => r.tagKey);
  const ownerValue = ownerKeys.length
    ? sql`lower(coalesce(${sql.join(ownerKeys.map((k) => sql`nullif(trim(li.tags ->> ${k}::text), '')`), sql`, `)}))`
    : sql`null::text`;

  const byDay = await queryRows<{ day: string; total: string; attributed: string }>(
    db,
    sql`select ac.day::text as day, sum(${column})::text as total,
          coalesce(sum(${column}) filter (where ac.team_id <> ${UNATTRIBUTED_TEAM_ID}), 0)::text as attributed
        from attributed_costs ac where ${inRange("ac")} group by 1 order by 1`,
  );
  const unattributedBy = (dimension: "account" | "service") =>
    queryRows<{ key: string; label: string; amount: string }>(
      db,
      sql`select ${dimension === "account" ? sql`ac.account_id` : sql`ac.service`} as key,
            ${dimension === "account" ? sql`coalesce(a.name, ac.account_id)` : sql`ac.service`} as label, sum(${column})::text as amount
          from attributed_costs ac left join accounts a on a.id = ac.account_id
          where ac.team_id = ${UNATTRIBUTED_TEAM_ID} and ${inRange("ac")} group by 1, 2 order by sum(${column}) desc limit 20`,
    );
  const unclaimedTagValues = await queryRows<{ value: string; amount: string; lines: number }>(
    db,
    sql`select ${ownerValue} as value, sum(${lineColumn})::text as amount, count(*)::int as lines
        from cost_line_items li
        where ${inRange("li")} and ${ownerValue} is not null
          and not exists (select 1 from ownership_rules r where r.kind = 'tag' and r.tag_value = ${ownerValue}
                            and r.valid_from <= li.day and (r.valid_to is null or li.day < r.valid_to))
        group by 1 order by sum(${lineColumn}) desc limit 20`,
  );
  const tagKeysSeen = await queryRows<{ tagKey: string; configured: boolean; amount: string; lines: number }>(
    db,
    sql`select k.key as "tagKey", exists (select 1 from owner_tag_keys o where o.tag_key = k.key) as configured,
          sum(${lineColumn})::text as amount, count(*)::int as lines
        from cost_line_items li cross join lateral jsonb_object_keys(li.tags) as k(key)
        where ${inRange("li")}
          and lower(k.key) in (select lower(tag_key) from owner_tag_keys union select unnest(${COMMON_OWNER_KEYS}::text[]))
        group by 1, 2 order by sum(${lineColumn}) desc`,
  );
  const untaggedResources = await queryRows<{ arn: string; accountId: string; region: string; service: string; resourceType: string; lastSeenAt: string; amount: string | null }>(
    db,
    sql`select r.arn, r.account_id as "accountId", r.region, r.service, r.resource_type as "resourceType", r.last_seen_at::text as "lastSeenAt",
          cost.amount::text as amount
        from resources r
        left join lateral (select sum(${lineColumn}) as amount from cost_line_items li where li.resource_id = r.arn and ${inRange("li")}) cost on true
        where not exists (select 1 from owner_tag_keys k where coalesce(trim(r.tags ->> k.tag_key), '') <> '')
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
