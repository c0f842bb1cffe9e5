// A legacy CUR Parquet file (slash or Athena spelling) mapped by DuckDB into the rows cost_line_items
// stores, so PostgreSQL only COPYs them (parquet-direct.ts). The same mapping and checks as
// sql-map-cur.ts, over the same text as parquet-to-csv.ts writes for each value: a DOUBLE is read
// as its shortest round-trip decimal text once, then rounded to 10 decimals half to even on that
// text (never through float arithmetic) and written without trailing zeros, as trim_scale leaves it.
// A row the checks refuse stops the query (error()): the import is then redone on the Node path,
// which names the row. A file this does not read (another format, text where numbers or
// timestamps are expected) is left to the CSV path (null).
import type { DuckDBConnection } from "@duckdb/node-api";
import { LEGACY_CUR_COLUMNS, legacyCurColumns } from "./cur-columns";
import { splitColumnNames } from "./split-columns";
import { legacyTagColumns } from "./tag-columns";
import { csvValue } from "./parquet-to-csv";

const JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Text as the CSV path reads it (trimmed as JS trims, empty as null); decimal text rounded and trimmed as sql-fields.ts `cost` and `numeric` leave it.
 *  js_text's test of the first and last character (ascii, s[-1]) costs about half of ord(left(..)) / ord(right(..)), and an
 *  empty string (a Parquet export may write one for absent text) skips the trim: with most tags empty, it took a tenth of the mapping.
 *  DuckDB hoists an expression a CASE branch repeats out of the CASE and computes it for every row, so the rare arithmetic
 *  names its value once: cost_round casts (DuckDB rounds half away from zero, which is half to even but for a tie after an even
 *  digit, truncated instead) and strips the zeros by one regexp; cost_sum and cost_diff sit inside lambdas. */
export const CUR_ROW_MACROS = `
create or replace temp macro js_text(s) as (case when ascii(s) between 33 and 126 and ascii(s[-1]) between 33 and 126 then s
  when s = '' then null else nullif(trim(s, ${literal(JS_WHITESPACE)}), '') end);
create or replace temp macro strip_zeros(t) as (case when strpos(t, '.') > 0 then rtrim(rtrim(t, '0'), '.') else t end);
create or replace temp macro pg_text(s) as (case when not (contains(s, '\\') or contains(s, chr(9)) or contains(s, chr(10)) or contains(s, chr(13))) then s
  else replace(replace(replace(replace(s, '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r') end);
create or replace temp macro json_text(s) as (case when contains(s, '\\') then replace(s, '\\', '\\\\') else s end);
create or replace temp macro finite(t) as (t is null or t not in ('nan', '-nan', 'inf', '-inf'));
create or replace temp macro cost_round(t) as regexp_replace((case
  when rtrim(substr(t, strpos(t, '.') + 11), '0') = '5' and substr(t, strpos(t, '.') + 10, 1) in ('0', '2', '4', '6', '8') then left(t, strpos(t, '.') + 10)::decimal(38, 10)
  else t::decimal(38, 10) end)::varchar, '\\.?0+$', '');
create or replace temp macro cost_text(t) as (case when strpos(t, '.') = 0 or length(t) - strpos(t, '.') <= 10 then strip_zeros(t) else cost_round(t) end);
create or replace temp macro cost_shortest(t) as (case when strpos(t, '.') = 0 or length(t) - strpos(t, '.') <= 10 then t else cost_round(t) end);
create or replace temp macro cost_sum(a, b) as list_transform([[a, b]], lambda p: strip_zeros((cost_text(p[1])::decimal(38, 10) + cost_text(p[2])::decimal(38, 10))::varchar))[1];
create or replace temp macro cost_diff(a, b) as list_transform([[a, b]], lambda p: strip_zeros((cost_text(p[1])::decimal(38, 10) - cost_text(p[2])::decimal(38, 10))::varchar))[1]`;

/** A column of the file: its DuckDB name (DuckDB renames names that differ only in case) and type. */
export interface ParquetColumn {
  duckName: string;
  type: string;
}

const isNumberType = (type: string) => /^(DOUBLE|FLOAT|DECIMAL\(|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)/.test(type);
const isTimeType = (type: string) => type === "DATE" || type.startsWith("TIMESTAMP");

export interface CurRowsQuery {
  /** Per billing period: rows, first and last day, whether every timestamp reads as the CSV path reads it, and
   *  how many values number columns typed as text hold (the file is read this way only when none). */
  periods: string;
  /** Each row's cost_line_items columns (`columns`), given each period's batch id; a refused row raises. */
  rows(source: string, batchIds: Map<string, number>): string;
  tagKeys: string[];
  /** The cost_line_items columns `rows` gives, in its order. */
  columns: string[];
}

const ROW_COLUMNS = ["day", "account_id", "service", "region", "usage_type", "record_type", "resource_id", "tags", "unblended_cost", "amortized_cost", "net_amortized_cost", "usage_quantity", "invoice_id", "source", "batch_id", "usage_hour"];
/** Split cost allocation data (split-columns.ts), given only by a file that has some of its columns. */
const SPLIT_COSTS = ["split_cost", "unused_cost", "net_split_cost", "net_unused_cost"] as const;
const SPLIT_USAGES = ["reserved_usage", "actual_usage", "split_usage", "split_usage_ratio"] as const;
const SPLIT_NUMBERS = [...SPLIT_COSTS, ...SPLIT_USAGES];

/** The query over `from` (a read_parquet) for this header, or null when the file is not read this way. */
export function curRowsQuery(header: readonly string[], columns: ParquetColumn[], from: string): CurRowsQuery | null {
  const C = legacyCurColumns(header);
  const S = splitColumnNames(C === LEGACY_CUR_COLUMNS);
  const at = (name: string | null) => (name === null ? -1 : header.indexOf(name));
  const ref = (name: string | null) => `"${columns[at(name)]!.duckName.replaceAll('"', '""')}"`;
  const typeOf = (name: string) => columns[at(name)]!.type;
  const has = (name: string | null) => at(name) >= 0;
  const text = (name: string | null) => (has(name) ? `js_text(${csvValue(columns[at(name)]!.duckName, typeOf(name!))})` : "null::varchar");
  const NUMBERS = [C.usageAmount, C.unblended, C.netUnblended, C.reservationEffective, C.netReservationEffective, C.savingsPlanEffective, C.netSavingsPlanEffective,
    C.unusedUpfront, C.netUnusedUpfront, C.unusedRecurring, C.netUnusedRecurring, C.totalCommitment, C.usedCommitment, ...SPLIT_NUMBERS.map((f) => S[f])];
  const hasSplit = [...SPLIT_NUMBERS, "parent_resource_id" as const].some((f) => has(S[f]));
  // A number column typed otherwise (text) is read only when it holds no value at all (the periods query counts them).
  const untyped = NUMBERS.filter((name) => has(name) && !isNumberType(typeOf(name)));
  if ([C.usageStart, C.billingPeriodStart].some((name) => has(name) && !isTimeType(typeOf(name)))) return null;
  // Typed numbers never hold what the CSV path trims; their text is the CSV path's (nan and inf refused below).
  const number = (name: string) => (has(name) && !untyped.includes(name) ? csvValue(columns[at(name)]!.duckName, typeOf(name)) : "null::varchar");
  const dayOf = (name: string) => `(${ref(name)}::timestamp)::date`;
  const validTime = (name: string) => `(${ref(name)} is null or year(${ref(name)}::timestamp) between 1 and 9999)`;

  const type = "f.line_type";
  const fields = {
    day: has(C.usageStart) ? dayOf(C.usageStart) : "null::date",
    hour: has(C.usageStart) ? `hour(${ref(C.usageStart)}::timestamp)` : "null::int",
    period: `date_trunc('month', ${has(C.billingPeriodStart) ? `coalesce(${dayOf(C.billingPeriodStart)}, ${dayOf(C.usageStart)})` : dayOf(C.usageStart)})::date`,
    valid: `(${ref(C.usageStart)} is not null and ${validTime(C.usageStart)} ${has(C.billingPeriodStart) ? `and ${validTime(C.billingPeriodStart)}` : ""})`,
    line_type: text(C.lineItemType), account: text(C.account), service: `coalesce(${text(C.productName)}, ${text(C.serviceCode)}, ${text(C.productCode)})`,
    region: `coalesce(${text(C.regionCode)}, ${text(C.region)}, '')`, usage_type: `coalesce(${text(C.usageType)}, '')`, resource_id: text(C.resourceId),
    invoice_id: text(C.invoiceId), reservation_arn: text(C.reservationArn),
    usage: number(C.usageAmount), unblended: number(C.unblended), net_unblended: number(C.netUnblended),
    reservation: number(C.reservationEffective), net_reservation: number(C.netReservationEffective),
    savings_plan: number(C.savingsPlanEffective), net_savings_plan: number(C.netSavingsPlanEffective),
    unused_upfront: number(C.unusedUpfront), net_unused_upfront: number(C.netUnusedUpfront),
    unused_recurring: number(C.unusedRecurring), net_unused_recurring: number(C.netUnusedRecurring),
    total_commitment: number(C.totalCommitment), used_commitment: number(C.usedCommitment),
    ...(hasSplit ? { parent_resource_id: text(S.parent_resource_id), ...Object.fromEntries(SPLIT_NUMBERS.map((f) => [f, number(S[f])])) } : {}),
  };
  const tagColumns = legacyTagColumns("", header); // collisions were refused with the file's name (map-file.ts resolveFormat)
  const tagFields = Object.fromEntries(tagColumns.map(({ column }, i) => [`tag_${i}`, text(column)]));
  const tagMembers = tagColumns.map(({ key }, i) => `case when f.tag_${i} is not null then ${literal(`${JSON.stringify(key)}:`)} || to_json(f.tag_${i})::varchar end`);
  const tags = tagMembers.length === 0 ? "'{}'" : `'{' || concat_ws(',', ${tagMembers.join(", ")}) || '}'`;

  const NET = [C.netUnblended, C.netReservationEffective, C.netSavingsPlanEffective, C.netUnusedUpfront, C.netUnusedRecurring];
  const hasNet = NET.some(has);
  // The checks of sql-map-cur.ts: required fields, and only the numbers the mapping reads for this line item type must be numbers.
  const checks = [
    `${type} is not null`, "f.account is not null", "f.service is not null", "f.unblended is not null", "f.valid",
    `(case ${type} when 'DiscountedUsage' then f.reservation is not null when 'SavingsPlanCoveredUsage' then f.savings_plan is not null
       when 'SavingsPlanRecurringFee' then f.total_commitment is not null else true end)`,
    "finite(f.unblended)", "finite(f.usage)",
    `(case ${type} when 'DiscountedUsage' then finite(f.reservation) when 'SavingsPlanCoveredUsage' then finite(f.savings_plan)
       when 'RIFee' then finite(f.unused_upfront) and finite(f.unused_recurring)${hasNet ? " and finite(f.net_unused_upfront) and finite(f.net_unused_recurring)" : ""}
       when 'SavingsPlanRecurringFee' then finite(f.total_commitment) and finite(f.used_commitment) else true end)`,
    ...(hasNet ? ["finite(f.net_unblended)", "finite(f.net_reservation)", "finite(f.net_savings_plan)"] : []),
    ...(hasSplit ? SPLIT_NUMBERS.map((f) => `finite(f.${f})`) : []),
  ];
  // A double's (or float's, or integer's) text has no trailing zeros to trim: only a DECIMAL's may.
  const shortest = NUMBERS.every((name) => !has(name) || !typeOf(name).startsWith("DECIMAL"));
  const cost = (value: string) => (shortest ? `cost_shortest(${value})` : `cost_text(${value})`);
  // The text each line item type's amortized amount comes from; cost() applies once to the picked text
  // (a sum or difference is exact decimal arithmetic, rounded first as sql-map-cur.ts rounds each term).
  const amortized = (pick: (gross: string, net: string) => string) => `(case ${type}
      when 'DiscountedUsage' then ${pick("f.reservation", "f.net_reservation")}
      when 'SavingsPlanCoveredUsage' then ${pick("f.savings_plan", "f.net_savings_plan")}
      when 'SavingsPlanNegation' then '0' when 'SavingsPlanUpfrontFee' then '0'
      when 'Fee' then (case when f.reservation_arn is not null then '0' else ${pick("f.unblended", "f.net_unblended")} end)
      when 'RIFee' then cost_sum(coalesce(${pick("f.unused_upfront", "f.net_unused_upfront")}, '0'), coalesce(${pick("f.unused_recurring", "f.net_unused_recurring")}, '0'))
      when 'SavingsPlanRecurringFee' then cost_diff(f.total_commitment, coalesce(f.used_commitment, '0'))
      else ${pick("f.unblended", "f.net_unblended")} end)`;
  const gross = amortized((g) => g);
  const net = hasNet ? amortized((g, n) => `coalesce(${n}, ${g})`) : "null";
  const refused = `error('a row the import checks refuse, on ' || coalesce(f.day::varchar, 'no day'))`;
  const usageText = (value: string) => (shortest ? value : `strip_zeros(${value})`);
  // As split-columns.ts: costs to the cost scale, usages as written, and the hour where the per-instance-hour check needs it.
  const split = hasSplit ? `, ${SPLIT_COSTS.map((f) => `${cost(`f.${f}`)} as ${f}`).join(", ")}, pg_text(f.parent_resource_id) as parent_resource_id, ${SPLIT_USAGES.map((f) => `${usageText(`f.${f}`)} as ${f}`).join(", ")}` : "";
  const needsHour = hasSplit ? "f.parent_resource_id is not null or left(f.resource_id, 2) = 'i-'" : "left(f.resource_id, 2) = 'i-'";

  return {
    periods: `select period::varchar as period, count(*)::int as rows, min(day)::varchar as first, max(day)::varchar as last, bool_and(valid) as ok, sum(texts)::int as texts
      from (select ${fields.day} as day, ${fields.period} as period, ${fields.valid} as valid,
              ${untyped.map((name) => `(${ref(name)} is not null)::int`).join(" + ") || "0"} as texts from ${from}) group by 1`,
    tagKeys: tagColumns.map((c) => c.key),
    columns: [...ROW_COLUMNS, ...(hasSplit ? [...SPLIT_COSTS, "parent_resource_id", ...SPLIT_USAGES] : [])],
    rows: (source, batchIds) => {
      const batch = `(case f.period ${[...batchIds].map(([period, id]) => `when date '${period}' then ${id}`).join(" ")} end)`;
      // In COPY's text format (tab-separated, backslash escapes, \N for null): JSON escapes all but its backslashes.
      return `select case when ${checks.join(" and ")} then f.day else ${refused} end as day, pg_text(f.account) as account_id, pg_text(f.service) as service,
          pg_text(f.region) as region, pg_text(f.usage_type) as usage_type, pg_text(${type}) as record_type, pg_text(f.resource_id) as resource_id,
          json_text(${tags}) as tags, ${cost("f.unblended")} as unblended_cost, ${cost("f.gross_text")} as amortized_cost,
          ${cost(hasNet ? "f.net_text" : "f.gross_text")} as net_amortized_cost, ${usageText("f.usage")} as usage_quantity, pg_text(f.invoice_id) as invoice_id, ${literal(source)} as source, ${batch} as batch_id,
          case when ${needsHour} then f.hour end as usage_hour${split}
        from (select f.*, ${gross} as gross_text, ${net} as net_text
          from (select ${Object.entries({ ...fields, ...tagFields }).map(([name, value]) => `${value} as ${name}`).join(", ")} from ${from}) f) f`;
    },
  };
}
