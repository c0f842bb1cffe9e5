// SQL building blocks for mapping an export PostgreSQL has parsed: a staging table holds the raw
// CSV fields as text (c1..cN, by header position), and these expressions read them exactly as the
// Node mappers' field functions (line-item.ts) do: trimmed as String.prototype.trim trims, empty
// (or a format's null word) as absent, money by the same decimal pattern, timestamps to UTC days.
// Checks are regexes (PostgreSQL 15 has no pg_input_is_valid); a value they pass that the cast
// still refuses fails the statement, and the caller falls back to the Node path.
import { sql, type SQL } from "drizzle-orm";
import { SPLIT_LINE_COLUMNS } from "./split-line-columns";

/** The characters String.prototype.trim removes (WhiteSpace and LineTerminator). */
const JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
/** A number line-item.ts's DECIMAL pattern accepts is made of these characters only; among such
 *  text, what numeric input accepts is what DECIMAL accepts (the cast refuses the rest). Checked on
 *  the concatenation of a row's numbers: one match per row, not one per field. */
const NOT_NUMBER_CHARS = "[^0-9.eE+-]";
/** The timestamps this path reads: a date, a local time (UTC), or an ISO time with Z or +hh:mm. Others go the Node way. */
const TIMESTAMP = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?|T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$";
const OFFSET = "[+-][0-9]{2}:[0-9]{2}$";

const literal = (text: string) => sql.raw(`'${text.replaceAll("'", "''")}'`);

/** The fields of one file's header, read through a derived table `t` that trims each used column once
 *  (and casts each column read as a number once). */
export class RawFields {
  private readonly used = new Map<string, { column: SQL; ref: SQL }>();

  constructor(
    readonly header: readonly string[],
    private readonly nullWords: readonly string[],
    /** Trim each field (when the file may have untrimmed ones: csv-shape.ts tells). */
    private readonly trim: boolean,
  ) {}

  has(column: string): boolean {
    return this.header.includes(column);
  }

  /** The trimmed text of a column, null when empty, a null word, or the column is not in the file. */
  text(column: string): SQL {
    const index = this.header.indexOf(column) + 1;
    if (index === 0) return sql`null::text`;
    return this.derived(`v${index}`, () => this.trimmed(index));
  }

  /** The column's text as numeric (null as text() is null). Cast for every row, whatever the row's
   *  checks say: a text numeric input refuses fails the statement (the caller's fallback); what it
   *  accepts but line-item.ts does not (NaN, Infinity) the checks refuse (numberCharsOnly on the text). */
  number(column: string): SQL {
    const index = this.header.indexOf(column) + 1;
    if (index === 0) return sql`null::numeric`;
    return this.derived(`n${index}`, () => sql`(${this.trimmed(index)})::numeric`);
  }

  private trimmed(index: number): SQL {
    const raw = sql.raw(`r.c${index}`);
    // COPY loaded an empty field as null (copy-bytes.ts); a trimmed one may be empty.
    let value = this.trim ? sql`nullif(btrim(${raw}, ${literal(JS_WHITESPACE)}), '')` : raw;
    for (const word of this.nullWords) value = sql`nullif(${value}, ${literal(word)})`;
    return value;
  }

  private derived(name: string, value: () => SQL): SQL {
    if (!this.used.has(name)) this.used.set(name, { column: sql`${value()} as ${sql.raw(name)}`, ref: sql.raw(`t.${name}`) });
    return this.used.get(name)!.ref;
  }

  /** `from (select <used columns> from <table> r offset 0) t`: offset 0 keeps each trim and cast computed
   *  once per row. `only` (values text() returned) leaves the other columns out. */
  from(table: string, only?: SQL[]): SQL {
    const columns = [...this.used.values()].filter((field) => !only || only.includes(field.ref)).map((field) => field.column);
    return sql`from (select ${columns.length > 0 ? sql.join(columns, sql`, `) : sql`1 as none`} from ${sql.raw(table)} r offset 0) t`;
  }
}

/** The numbers of a row (null ones ignored) could all be numbers in line-item.ts's sense; the casts check the rest. */
export const numberCharsOnly = (values: SQL[]) => sql`(concat(${sql.join(values, sql`, `)}) !~ ${literal(NOT_NUMBER_CHARS)})`;
export const isTimestamp = (value: SQL) => sql`(${value} ~ ${literal(TIMESTAMP)})`;

/** A number (RawFields.number) as decimal.js's toFixed() writes it: no trailing zeros. */
export const numeric = (value: SQL) => sql`trim_scale(${value})`;

/** Text as String.prototype.trim trims it. */
export const jsTrim = (value: SQL) => sql`btrim(${value}, ${literal(JS_WHITESPACE)})`;

/** A cost from a number (RawFields.number): kept to 10 decimals, half to even, as line-item.ts costScale.
 *  Almost every value has at most 10 and is taken as is; the rounding (PostgreSQL's round() goes half
 *  away from zero) is for the rest. */
export const cost = (value: SQL) => {
  const halfEven = sql`(case when abs(${value} - trunc(${value}, 10)) = 0.00000000005 and mod(trunc(${value} * 10000000000), 2) = 0 then trunc(${value}, 10) else round(${value}, 10) end)`;
  return sql`trim_scale(case when scale(${value}) <= 10 then ${value} else ${halfEven} end)`;
};

/** The UTC day of a checked timestamp: the written date unless it carries an offset. */
export const utcDay = (value: SQL) =>
  sql`(case when ${value} ~ ${literal(OFFSET)} then ((${value})::timestamptz at time zone 'UTC')::date else left(${value}, 10)::date end)`;

/** The UTC hour of a checked timestamp: the written hour unless it carries an offset (0 for a date). */
export const utcHour = (value: SQL) =>
  sql`(case when ${value} ~ ${literal(OFFSET)} then extract(hour from ((${value})::timestamptz at time zone 'UTC'))
      when length(${value}) >= 13 then substr(${value}, 12, 2)::int else 0 end)::smallint`;

/** The UTC hour of the row's usage start, read once per distinct timestamp into the days table mappedRows joins as `d` (sql-stage.ts). */
export const USAGE_HOUR = sql.raw("d.hour");

export const monthStart = (day: SQL) => sql`(${day} - (extract(day from ${day})::int - 1))`;

/** Every condition true (a null counts as false). */
export const allOf = (conditions: SQL[]) => sql`coalesce((${sql.join(conditions, sql` and `)}), false)`;

/** The line-item columns every mapping fills, in cost_line_items order (day, source and batch_id come from the stage). */
export const MAPPED_COLUMNS = ["account_id", "service", "region", "usage_type", "record_type", "resource_id", "tags", "unblended_cost", "amortized_cost", "net_amortized_cost", "usage_quantity", "invoice_id", ...SPLIT_LINE_COLUMNS] as const;

export interface SqlMapping {
  fields: RawFields;
  /** True for a row the Node mapper would accept (or at least, only then), timestamps aside. */
  rowChecks: SQL;
  /** The timestamp texts: usage start (required) and billing period start (may be null). */
  usageStart: SQL;
  periodStart: SQL;
  values: Record<(typeof MAPPED_COLUMNS)[number], SQL>;
  /** Every tag key a row can hold, when the header tells (one column per key); else the line-item trigger reads them from the rows. */
  tagKeys?: string[];
}

/** The mapping of one file's header, for the fields' shape. */
export type MappingBuilder = (header: readonly string[], shape: FieldShape) => SqlMapping;

/** What csv-shape.ts found in the bytes a mapping reads: fields to trim, characters JSON escapes. */
export interface FieldShape {
  trim: boolean;
  jsonEscapes: boolean;
}

/** A tags object from (key, value) pairs, written as JSON text and cast once (far cheaper than
 *  jsonb_build_object); null values are left out, and of a repeated key the last value stays, as in
 *  Node. Values are quoted as they are unless they may hold what JSON escapes (to_json then). */
export function tagsObject(pairs: { key: string; value: SQL }[], jsonEscapes: boolean): SQL {
  if (pairs.length === 0) return sql`'{}'::jsonb`;
  const quoted = (value: SQL) => (jsonEscapes ? sql`to_json(${value})::text` : sql`'"' || ${value} || '"'`);
  const members = pairs.map(({ key, value }) => sql`${literal(`${JSON.stringify(key)}:`)} || ${quoted(value)}`);
  const joined = (parts: SQL[]): SQL => {
    if (parts.length <= 90) return sql`concat_ws(',', ${sql.join(parts, sql`, `)})`; // at most 100 arguments
    const chunks: SQL[] = [];
    for (let i = 0; i < parts.length; i += 90) chunks.push(sql`nullif(${joined(parts.slice(i, i + 90))}, '')`);
    return joined(chunks);
  };
  return sql`('{' || ${joined(members)} || '}')::jsonb`;
}
