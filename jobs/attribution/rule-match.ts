// How rules and pools meet line items, in SQL: one definition for attributing a window and for
// explaining it afterwards. `line` is the alias of the line rows (cost_line_items or a grouping).
import { sql, type SQL } from "drizzle-orm";
import type { OwnerTagKeyPeriod } from "../sync/owner-tag-keys";

/** A tag's value on a line item (alias li). */
export const lineTag = (key: string): SQL => sql`(li.tags ->> ${key}::text)`;

/** The owner-tag value of a line item: the first non-empty value under the configured spellings,
 *  normalised. `tag` reads a tag's value (attribution passes values it has read once per line). */
export function ownerValueExpression(tagKeys: string[], tag = lineTag): SQL {
  if (tagKeys.length === 0) return sql`null::text`;
  const candidates = tagKeys.map((key) => sql`nullif(trim(${tag(key)}), '')`);
  return sql`lower(coalesce(${sql.join(candidates, sql`, `)}))`;
}

/** The owner-tag value of a line under the spellings in force on its day (`day`: the line's day
 *  column): one list, or a case over the lists' date ranges when the window spans a change. */
export function ownerValueByDay(periods: OwnerTagKeyPeriod[], tag: (key: string) => SQL, day: SQL): SQL {
  if (periods.length === 1) return ownerValueExpression(periods[0]!.keys, tag);
  const branches = periods.map((period) =>
    sql`when ${period.to === null ? sql`true` : sql`${day} < ${period.to}::date`} then ${ownerValueExpression(period.keys, tag)}`,
  );
  return sql`(case ${sql.join(branches, sql` `)} end)`;
}

/** What a rule of each kind (alias r) must equal on the line: one condition per kind, so
 *  attribution can join each kind on its own key (hash joins) instead of testing every rule per line. */
export function ruleKindConditions(r: string, ownerValue: SQL, line = "li"): Record<"tag" | "account" | "service" | "resource", SQL> {
  const rule = (column: string) => sql.raw(`${r}.${column}`);
  const of = (column: string) => sql.raw(`${line}.${column}`);
  return {
    tag: sql`${rule("tag_value")} = ${ownerValue}`,
    account: sql`${rule("account_id")} = ${of("account_id")}`,
    service: sql`${rule("service")} = ${of("service")}`,
    resource: sql`${of("resource_id")} ~ ${rule("resource_regex")}`,
  };
}

/** An ownership rule (alias r) matches the line; `ownerValue` is the line's owner-tag value. */
export function ruleMatchesLine(r: string, ownerValue: SQL, line = "li"): SQL {
  const kinds = Object.entries(ruleKindConditions(r, ownerValue, line)).map(([kind, condition]) => sql`(${sql.raw(`${r}.kind`)} = ${sql.raw(`'${kind}'`)} and ${condition})`);
  return sql`(${sql.join(kinds, sql`\n    or `)})`;
}

/** A shared-cost pool (alias p) selects the line by record type, service and account. */
export function poolSelectsLine(p: string, line = "li"): SQL {
  const pool = (column: string) => sql.raw(`${p}.${column}`);
  const of = (column: string) => sql.raw(`${line}.${column}`);
  return sql`((${pool("record_types")} is null or ${of("record_type")} = any(${pool("record_types")}))
    and (${pool("services")} is null or ${of("service")} = any(${pool("services")}))
    and (${pool("accounts")} is null or ${of("account_id")} = any(${pool("accounts")})))`;
}

/** The rule (or pool) is in force on the line's day. */
export const ruleInForce = (r: string, line = "li") =>
  sql.raw(`${r}.valid_from <= ${line}.day and (${r}.valid_to is null or ${line}.day < ${r}.valid_to)`);
