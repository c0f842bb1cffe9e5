// The import path where PostgreSQL parses the file: the (decompressed) CSV bytes go straight into
// COPY into a temporary table of text columns, one grouped query reads each distinct timestamp once
// and sums up the billing periods, and once the batches exist one INSERT ... SELECT checks and maps
// the rows into cost_line_items. Anything this path does not read exactly as the Node path would (a
// row its checks refuse, a value a cast refuses, CSV that csv-parse would refuse) raises
// SqlPathRefused, and the caller redoes the import on the Node path, which names the file, line and column.
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { sqlArray } from "../../db/queries/anomaly-series";
import type { CopyBytes } from "../../db/copy-bytes";
import { CsvShape, firstRecordEnd } from "./csv-shape";
import type { ImportFormat } from "./line-item";
import { peek } from "./read-rows";
import type { PeriodSummary } from "./scan-file";
import { isTimestamp, MAPPED_COLUMNS, monthStart, utcDay, type SqlMapping } from "./sql-fields";
import { legacyCurMapping } from "./sql-map-cur";
import { focusMapping } from "./sql-map-focus";

export class SqlPathRefused extends Error {
  override name = "SqlPathRefused";
}

/** The formats this path maps (CUR 2.0's renamed resource_tags keys stay on the Node path). */
const MAPPINGS: Partial<Record<ImportFormat, (header: readonly string[], trim: boolean) => SqlMapping>> = { cur: legacyCurMapping, focus: focusMapping };

export const mapsInSql = (format: ImportFormat) => format in MAPPINGS;

export interface RawFile {
  table: string;
  /** The file's distinct (billing period start, usage start) texts with their days: timestamps are parsed once per value. */
  daysTable: string;
  mapping: SqlMapping;
  rows: number;
  periods: Map<string, PeriodSummary>;
}

/** The header of a CSV stream (names trimmed, as read-rows.ts reads them) and the stream, still whole. */
export async function peekCsvHeader(stream: Readable): Promise<{ columns: string[]; stream: Readable }> {
  const peeked = await peek(stream, (head) => head.length > 1 << 20 || firstRecordEnd(head) !== -1);
  const [header] = parse(peeked.head, { bom: true, to_line: 1, relax_column_count: true }) as string[][];
  return { columns: (header ?? []).map((name) => name.trim()), stream: peeked.stream };
}

/**
 * COPYs the file's rows into a temporary table of text columns, then reads the timestamps once per
 * distinct value into a small table of days and billing periods that the insert joins. Each row's
 * fields are checked by the insert itself (insertFromSql).
 */
export async function stageInSql(tx: DbOrTx, copyBytes: CopyBytes, index: number, format: ImportFormat, header: string[], stream: Readable): Promise<RawFile> {
  const build = MAPPINGS[format];
  if (!build || new Set(header).size !== header.length) throw new SqlPathRefused(`${format} with this header is mapped in Node`);
  const [table, daysTable] = [`import_raw_${index}`, `import_days_${index}`];
  const columns = header.map((_, i) => `c${i + 1}`);
  await tx.execute(sql.raw(`create temp table ${table} (${columns.map((c) => `${c} text`).join(", ")}) on commit drop`));
  const shape = new CsvShape();
  async function* checked() {
    for await (const chunk of stream) {
      shape.feed(chunk as Buffer);
      yield chunk as Buffer;
    }
    shape.end();
  }
  await copyBytes(tx, table, columns, checked());
  if (shape.malformed) throw new SqlPathRefused("CSV quoting csv-parse would refuse");
  const mapping = build(header, shape.untrimmed);
  const [start, periodStart] = [sql.raw("g.start"), sql.raw("g.period_start")];
  const day = utcDay(start);
  const timestampsValid = sql`(${isTimestamp(start)} and (${periodStart} is null or ${isTimestamp(periodStart)}))`;
  await tx.execute(sql`
    create temp table ${sql.raw(daysTable)} on commit drop as
    select start, coalesce(period_start, '') as period_key, rows, valid_times as ok,
           case when valid_times then day end as day, case when valid_times then period end as period
    from (select g.*, coalesce(${timestampsValid}, false) as valid_times,
                 case when coalesce(${timestampsValid}, false) then ${day} end as day,
                 case when coalesce(${timestampsValid}, false) then (case when ${periodStart} is null then ${monthStart(day)} else ${monthStart(utcDay(periodStart))} end) end as period
          from (select ${mapping.usageStart} as start, ${mapping.periodStart} as period_start, count(*)::int as rows
                ${mapping.fields.from(table, [mapping.usageStart, mapping.periodStart])} group by 1, 2) g offset 0) checked`);
  const summary = await queryRows<{ period: string | null; rows: number; first: string | null; last: string | null; ok: boolean }>(
    tx,
    sql`select period::text, sum(rows)::int as rows, min(day)::text as first, max(day)::text as last, bool_and(ok) as ok from ${sql.raw(daysTable)} group by 1`,
  );
  const rows = summary.reduce((sum, period) => sum + period.rows, 0);
  if (rows !== shape.records()) throw new SqlPathRefused(`COPY read ${rows} rows of ${shape.records()} records`);
  if (summary.some((period) => !period.ok || period.period === null)) throw new SqlPathRefused("a timestamp the SQL checks refuse");
  const periods = new Map(summary.map((p) => [p.period!, { rows: p.rows, firstDay: p.first!, lastDay: p.last! }]));
  return { table, daysTable, mapping, rows, periods };
}

/**
 * Checks and maps the staged rows into cost_line_items, each under its billing period's batch. A
 * row the checks refuse stops the statement (import_row_refused raises), and the caller falls back
 * to the Node path. A mapping that knows its tag keys from the header registers them itself, for
 * every month the file's days touch, instead of the line-item trigger expanding each row's tags.
 */
export async function insertFromSql(tx: DbOrTx, raw: RawFile, source: string, batchIds: Map<string, number>): Promise<number> {
  if (raw.rows === 0) return 0;
  const { mapping } = raw;
  const batch = sql`(case d.period ${sql.join([...batchIds].map(([period, id]) => sql`when ${period}::date then ${id}::bigint`), sql` `)} end)`;
  if (mapping.tagKeys) await registerTagKeys(tx, raw, mapping.tagKeys);
  const result = await tx.execute(
    sql`insert into cost_line_items (${sql.raw(["day", ...MAPPED_COLUMNS, "source", "batch_id"].join(", "))})
        select d.day, ${sql.join(MAPPED_COLUMNS.map((column) => mapping.values[column]), sql`, `)}, ${source}::text, ${batch}
        ${mapping.fields.from(raw.table)}
        join ${sql.raw(raw.daysTable)} d on d.start = ${mapping.usageStart} and d.period_key = coalesce(${mapping.periodStart}, '')
        where case when ${mapping.rowChecks} then true else import_row_refused() end`,
  );
  if (mapping.tagKeys) await tx.execute(sql`select set_config('tallyboard.tag_keys_registered', 'off', true)`);
  const count = result as unknown as { affectedRows?: number; count?: number };
  return count.affectedRows ?? count.count ?? 0;
}

async function registerTagKeys(tx: DbOrTx, raw: RawFile, keys: string[]): Promise<void> {
  const days = [...raw.periods.values()].flatMap((period) => [period.firstDay, period.lastDay]).sort();
  if (keys.length > 0) {
    await tx.execute(sql`
      insert into line_item_tag_keys (month, tag_key)
      select m::date, k from generate_series(date_trunc('month', ${days[0]}::date), ${days.at(-1)}::date, interval '1 month') m, unnest(${sqlArray(keys)}) k
      on conflict do nothing`);
  }
  await tx.execute(sql`select set_config('tallyboard.tag_keys_registered', 'on', true)`);
}

