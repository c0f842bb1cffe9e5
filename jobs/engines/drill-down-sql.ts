// The single-line questions the grouped facts cannot answer, asked of the export where the lines
// are (DuckDB files or the Athena table), in the pass's portable SQL (sql-allow-list.ts): the
// largest resources with no owner tag in a range, and the lines behind chosen facts of one day.
// Both read the lines as the pass reads them (roundedLines), so amounts are the facts' own.
import { literal } from "./export-layout";
import { roundedLines, type PassInput } from "./pass-sql";

export type DrillMeasure = "unblended" | "amortized" | "net_amortized";

const dateLiteral = (day: string) => `cast(${literal(day)} as date)`;

/** A column equal to a value, null meaning absent (SQL's = is never true for null). */
const equals = (column: string, value: string | null) => (value === null ? `${column} is null` : `${column} = ${literal(value)}`);

/**
 * Resources with spend in [from, to] and no value for any of the input's tag keys (the owner tag keys
 * as the export spells them), largest first. One row per resource: its spend, line count, last day.
 */
export function untaggedResourcesSql(input: PassInput, range: { from: string; to: string }, measure: DrillMeasure, limit: number): string {
  const untagged = input.tagKeys.map((_, i) => `tag_${i} is null`);
  return `select resource_id, max(account_id) as account_id, max(service) as service, max(region) as region, cast(max(day) as varchar) as last_day,
    cast(sum(${measure}) as varchar) as amount, cast(count(*) as varchar) as lines
  from (${roundedLines({ ...input, resourceIds: true })}) l
  where day >= ${dateLiteral(range.from)} and day <= ${dateLiteral(range.to)} and resource_id is not null and resource_id <> ''${untagged.map((c) => ` and ${c}`).join("")}
  group by resource_id
  order by sum(${measure}) desc, resource_id
  limit ${Math.trunc(limit)}`;
}

/** A fact as attribution saw it: the grouping fields and the kept tag values (absent = none). */
export interface FactKey {
  accountId: string;
  service: string;
  region: string | null;
  usageType: string | null;
  recordType: string;
  tags: Record<string, string>;
}

/**
 * The lines of one day that make up the given facts (input.tagKeys = the keys the pass kept), largest
 * first, each with the index of its fact (column fact) so the caller knows which rule took it.
 */
export function factLinesSql(input: PassInput, day: string, facts: FactKey[], limit: number): string {
  const conditions = facts.map((fact) =>
    [
      equals("account_id", fact.accountId), equals("service", fact.service), equals("region", fact.region), equals("usage_type", fact.usageType),
      equals("record_type", fact.recordType), ...input.tagKeys.map((key, i) => equals(`tag_${i}`, fact.tags[key] ?? null)),
    ].join(" and "),
  );
  const tags = input.tagKeys.map((_, i) => `, tag_${i}`).join("");
  return `select case ${conditions.map((condition, i) => `when ${condition} then '${i}'`).join(" ")} end as fact,
    account_id, service, record_type, resource_id${tags}, cast(amortized as varchar) as amortized
  from (${roundedLines({ ...input, resourceIds: true })}) l
  where day = ${dateLiteral(day)} and (${conditions.map((condition) => `(${condition})`).join(" or ")})
  order by amortized desc, resource_id
  limit ${Math.trunc(limit)}`;
}
