// The import path where PostgreSQL parses the file: the (decompressed) CSV bytes go straight into
// COPY into a table of text columns, one grouped query reads each distinct timestamp once and sums
// up the billing periods, and one INSERT ... SELECT checks and maps the rows. On PGlite (one
// session) all of it runs inside the import transaction; on PostgreSQL the file is cut into blocks
// that lanes of their own read and map side by side (sql-lanes.ts), and the transaction only
// inserts the mapped blocks. Anything this path does not read exactly as the Node path would (a
// row its checks refuse, a value a cast refuses, CSV that csv-parse would refuse) raises
// SqlPathRefused, and the caller redoes the import on the Node path, which names the file, line and column.
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { sql, type SQL } from "drizzle-orm";
import { affectedRows, queryRows, type DbOrTx } from "../../db/client";
import { sqlArray } from "../../db/queries/anomaly-series";
import type { CopyBytes } from "../../db/copy-bytes";
import type { MonthTable } from "../../db/line-item-partitions";
import { CsvShape, firstRecordEnd } from "./csv-shape";
import type { ImportFormat } from "./line-item";
import { peek } from "./read-rows";
import { dayRange, type PeriodSummary } from "./scan-file";
import { isTimestamp, MAPPED_COLUMNS, monthStart, utcDay, utcHour, type MappingBuilder, type SqlMapping } from "./sql-fields";
import { cur2Mapping, legacyCurMapping } from "./sql-map-cur";
import { focusMapping } from "./sql-map-focus";

export class SqlPathRefused extends Error {
  override name = "SqlPathRefused";
}

export type { MappingBuilder };

/** The formats this path maps: all of them, in every layout. */
const MAPPINGS: Partial<Record<ImportFormat, MappingBuilder>> = { cur: legacyCurMapping, cur2: cur2Mapping, focus: focusMapping };

export const mapsInSql = (format: ImportFormat) => format in MAPPINGS;

/** The mapping of a format with this header, or SqlPathRefused when this path does not read it. */
export function mappingFor(format: ImportFormat, header: string[]): MappingBuilder {
  const build = MAPPINGS[format];
  if (!build || new Set(header).size !== header.length) throw new SqlPathRefused(`${format} with this header is mapped in Node`);
  return build;
}

/** A file PostgreSQL has read and checked: what it holds, and how to write it into cost_line_items. */
export interface SqlStagedFile {
  rows: number;
  periods: Map<string, PeriodSummary>;
  /** Every tag key a row can hold, when the header tells; registered for the file's months on insert. */
  tagKeys?: string[];
  /** Inserts the rows, each under its billing period's batch; returns how many. Absent when the
   *  lanes have written them already (sql-lanes.ts). */
  insert?(tx: DbOrTx, source: string, batchIds: Map<string, number>): Promise<number>;
}

/** The header of a CSV stream (names trimmed, as read-rows.ts reads them) and the stream, still whole. */
export async function peekCsvHeader(stream: Readable): Promise<{ columns: string[]; stream: Readable }> {
  const peeked = await peek(stream, (head) => head.length > 1 << 20 || firstRecordEnd(head) !== -1);
  const [header] = parse(peeked.head, { bom: true, to_line: 1, relax_column_count: true }) as string[][];
  return { columns: (header ?? []).map((name) => name.trim()), stream: peeked.stream };
}

/** The raw stream, fed to `shape` as it passes (record count, quoting, whitespace). */
export async function* shaped(stream: Readable, shape: CsvShape): AsyncIterable<Buffer> {
  for await (const chunk of stream) {
    shape.feed(chunk as Buffer);
    yield chunk as Buffer;
  }
  shape.end();
}

export const rawColumns = (header: readonly string[]) => header.map((_, i) => `c${i + 1}`);
export const createRawTable = (table: string, header: readonly string[]) =>
  sql.raw(`create temp table ${table} (${rawColumns(header).map((c) => `${c} text`).join(", ")}) on commit drop`);

/**
 * Reads the raw table's timestamps once per distinct (usage start, billing period start) into a
 * small temporary table of days and periods that the mapping joins, and sums up the periods.
 */
export async function readPeriods(tx: DbOrTx, mapping: SqlMapping, rawTable: string, daysTable: string): Promise<{ rows: number; periods: Map<string, PeriodSummary> }> {
  const [start, periodStart] = [sql.raw("g.start"), sql.raw("g.period_start")];
  const day = utcDay(start);
  const timestampsValid = sql`(${isTimestamp(start)} and (${periodStart} is null or ${isTimestamp(periodStart)}))`;
  await tx.execute(sql`
    create temp table ${sql.raw(daysTable)} on commit drop as
    select start, coalesce(period_start, '') as period_key, rows, valid_times as ok,
           case when valid_times then day end as day, case when valid_times then period end as period, case when valid_times then ${utcHour(sql.raw("start"))} end as hour
    from (select g.*, coalesce(${timestampsValid}, false) as valid_times,
                 case when coalesce(${timestampsValid}, false) then ${day} end as day,
                 case when coalesce(${timestampsValid}, false) then (case when ${periodStart} is null then ${monthStart(day)} else ${monthStart(utcDay(periodStart))} end) end as period
          from (select ${mapping.usageStart} as start, ${mapping.periodStart} as period_start, count(*)::int as rows
                ${mapping.fields.from(rawTable, [mapping.usageStart, mapping.periodStart])} group by 1, 2) g offset 0) checked`);
  const summary = await queryRows<{ period: string | null; rows: number; first: string | null; last: string | null; ok: boolean }>(
    tx,
    sql`select period::text, sum(rows)::int as rows, min(day)::text as first, max(day)::text as last, bool_and(ok) as ok from ${sql.raw(daysTable)} group by 1`,
  );
  if (summary.some((period) => !period.ok || period.period === null)) throw new SqlPathRefused("a timestamp the SQL checks refuse");
  return {
    rows: summary.reduce((sum, period) => sum + period.rows, 0),
    periods: new Map(summary.map((p) => [p.period!, { rows: p.rows, firstDay: p.first!, lastDay: p.last! }])),
  };
}

/** The checked, mapped rows: day and billing period, then MAPPED_COLUMNS; only those of `month` when
 *  given (picked before any column is computed). A row the checks refuse stops the statement
 *  (import_row_refused raises). */
export function mappedRows(mapping: SqlMapping, rawTable: string, daysTable: string, month: MonthTable | null = null): SQL {
  // PostgreSQL computes an expression as often as it is written: a net amount the mapping takes as is from amortized_cost is copied.
  const copied = mapping.values.net_amortized_cost === mapping.values.amortized_cost;
  const computed = MAPPED_COLUMNS.filter((column) => !(copied && column === "net_amortized_cost"));
  const rows = sql`select d.day, d.period, ${sql.join(computed.map((column) => sql`${mapping.values[column]} as ${sql.raw(column)}`), sql`, `)}
        ${mapping.fields.from(rawTable)}
        join ${sql.raw(daysTable)} d on d.start = ${mapping.usageStart} and d.period_key = coalesce(${mapping.periodStart}, '') ${withinMonth(sql`d.day`, month)}
        where case when ${mapping.rowChecks} then true else import_row_refused() end`;
  return copied ? sql`select r.*, r.amortized_cost as net_amortized_cost from (${rows} offset 0) r` : rows;
}

/**
 * Inserts mapped rows (a select of mappedRows' columns, of one month or all) into cost_line_items
 * under the periods' batches, or (their tag keys registered) each month's rows straight into its
 * table `into`: routing through the parent makes PostgreSQL keep every row for the tag-key
 * trigger's transition table, which costs more than the insert itself.
 */
export async function insertMapped(tx: DbOrTx, mapped: (month: MonthTable | null) => SQL, source: string, batchIds: Map<string, number>, into: MonthTable[] | null = null): Promise<number> {
  const batch = sql`(case m.period ${sql.join([...batchIds].map(([period, id]) => sql`when ${period}::date then ${id}::bigint`), sql` `)} end)`;
  const insert = (table: string, month: MonthTable | null) =>
    tx.execute(
      sql`insert into ${sql.raw(table)} (${sql.raw(["day", ...MAPPED_COLUMNS, "source", "batch_id"].join(", "))})
          select m.day, ${sql.raw(MAPPED_COLUMNS.map((column) => `m.${column}`).join(", "))}, ${source}::text, ${batch} from (${mapped(month)}) m`,
    );
  if (!into) return affectedRows(await insert("cost_line_items", null));
  let written = 0;
  for (const month of into) written += affectedRows(await insert(month.table, month));
  return written;
}

/** `and <day> in the month`, or nothing without a month. */
export const withinMonth = (day: SQL, month: MonthTable | null) => (month ? sql`and ${day} >= ${month.from}::date and ${day} < ${month.to}::date` : sql``);

/**
 * Tag keys the file's header names, registered for every month its days touch; the line-item
 * trigger is then told (tallyboard.tag_keys_registered, for this transaction) not to read them
 * again from each row. `write` runs the inserts (told whether the keys are registered); the
 * setting is cleared after it.
 */
export async function withTagKeysRegistered<T>(tx: DbOrTx, staged: Pick<SqlStagedFile, "tagKeys" | "periods">, write: (registered: boolean) => Promise<T>): Promise<T> {
  const keys = staged.tagKeys;
  if (!keys) return write(false);
  const days = dayRange(staged.periods);
  if (keys.length > 0 && days) {
    await tx.execute(sql`
      insert into line_item_tag_keys (month, tag_key)
      select m::date, k from generate_series(date_trunc('month', ${days[0]}::date), ${days[1]}::date, interval '1 month') m, unnest(${sqlArray(keys)}) k
      on conflict do nothing`);
  }
  await tx.execute(sql`select set_config('tallyboard.tag_keys_registered', 'on', true)`);
  const written = await write(true); // a failure aborts the transaction, setting and all
  await tx.execute(sql`select set_config('tallyboard.tag_keys_registered', 'off', true)`);
  return written;
}

/** PGlite: COPY into a temporary table, read the timestamps, and insert checked and mapped rows once the batches exist, all in `tx`. */
export async function stageInTransaction(tx: DbOrTx, copyBytes: CopyBytes, index: number, format: ImportFormat, header: string[], stream: Readable): Promise<SqlStagedFile> {
  const build = mappingFor(format, header);
  const [table, daysTable] = [`import_raw_${index}`, `import_days_${index}`];
  await tx.execute(createRawTable(table, header));
  const shape = new CsvShape();
  await copyBytes(tx, table, rawColumns(header), shaped(stream, shape));
  if (shape.malformed) throw new SqlPathRefused("CSV quoting csv-parse would refuse");
  const mapping = build(header, { trim: shape.untrimmed, jsonEscapes: shape.jsonEscapes });
  const { rows, periods } = await readPeriods(tx, mapping, table, daysTable);
  if (rows !== shape.records()) throw new SqlPathRefused(`COPY read ${rows} rows of ${shape.records()} records`);
  return {
    rows,
    periods,
    tagKeys: mapping.tagKeys,
    insert: (writer, source, batchIds) => (rows === 0 ? Promise.resolve(0) : insertMapped(writer, () => mappedRows(mapping, table, daysTable), source, batchIds)),
  };
}
