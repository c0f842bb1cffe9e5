// Attribution v1: each billed line goes to exactly one team by the first ownership rule that matches
// (owner-tag value, else account owner), and to "unattributed" when none does. One set-based
// INSERT ... SELECT per window; the window's old attribution is replaced in the same transaction.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { loadOwnerTagKeys } from "../sync/owner-tag-keys";
import type { DayWindow } from "../sync/billing-window";

/** The owner-tag value of a line: the first non-empty value under the configured spellings, normalised. */
function ownerValueExpression(tagKeys: string[]) {
  if (tagKeys.length === 0) return sql`null::text`;
  const candidates = tagKeys.map((key) => sql`nullif(trim(li.tags ->> ${key}::text), '')`);
  return sql`lower(coalesce(${sql.join(candidates, sql`, `)}))`;
}

export async function attributeWindow(tx: DbOrTx, window: DayWindow, runId: number): Promise<void> {
  const keys = await loadOwnerTagKeys(tx);
  await tx.execute(sql`delete from attributed_costs where day >= ${window.start}::date and day < ${window.end}::date`);
  await tx.execute(sql`
    insert into attributed_costs
      (day, team_id, account_id, service, record_type, unblended_cost, amortized_cost, net_amortized_cost, rule_id, decided_by, run_id)
    select li.day, coalesce(rule.team_id, ${UNATTRIBUTED_TEAM_ID}), li.account_id, li.service, li.record_type,
           sum(li.unblended_cost), sum(li.amortized_cost), sum(li.net_amortized_cost),
           rule.id,
           case rule.kind when 'tag' then 'owner-tag' when 'account' then 'account-owner' else 'unattributed' end,
           ${runId}
    from cost_line_items li
    left join lateral (
      select r.id, r.team_id, r.kind
      from ownership_rules r
      where r.valid_from <= li.day and (r.valid_to is null or li.day < r.valid_to)
        and ((r.kind = 'tag' and r.tag_value = ${ownerValueExpression(keys)})
          or (r.kind = 'account' and r.account_id = li.account_id))
      order by r.priority, r.id
      limit 1
    ) rule on true
    where li.day >= ${window.start}::date and li.day < ${window.end}::date
    group by li.day, rule.team_id, li.account_id, li.service, li.record_type, rule.id, rule.kind`);
}
