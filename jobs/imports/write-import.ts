// The transactional write: for each (source, billing period) the changed files hold, the period's
// previous batches are deleted, the files' rows COPYed in, and the days touched re-attributed and
// reconciled, all in one transaction. Rows of files that were re-listed unchanged stay.
import { sql, type SQL } from "drizzle-orm";
import { affectedRows, queryRows, type Database, type DbOrTx } from "../../db/client";
import { importBatches } from "../../db/schema";
import { addDays } from "../../db/calendar";
import { ensureMonthPartitions } from "../../db/line-item-partitions";
import { attributeAndReconcile } from "../attribution/attribute-and-reconcile";
import type { Reconciliation } from "../attribution/reconcile";
import type { DayWindow } from "../sync/billing-window";
import { sourceOf, type FormatOption } from "./detect-format";
import type { ScannedFile } from "./scan-file";
import { SqlPathRefused, withTagKeysRegistered } from "./sql-stage";
import { BlockTables, dropOrphanBlocks } from "./sql-lanes";
import { BatchIds } from "./batch-ids";
import { SPLIT_LINE_COLUMNS } from "./split-columns";
import { ImportError } from "./import-error";
import { mixedFormatClash } from "./one-format-per-period";
import { upsertExportResources } from "./export-resources";
import { measureImportQuality } from "./quality/measure-quality";
import type { ImportQuality } from "../../db/domain/import-quality-report";
import { NODE_STAGE, NODE_STAGE_COLUMNS, stageFile, type BlockWriter, type FileToStage, type ParseIn, type StagedFile } from "./stage-file";

const COLUMNS = ["day", "account_id", "service", "region", "usage_type", "record_type", "resource_id", "tags", "unblended_cost", "amortized_cost", "net_amortized_cost", "usage_quantity", "invoice_id", ...SPLIT_LINE_COLUMNS, "source", "batch_id"] as const;

export interface WriteResult {
  window: DayWindow | null; // null when the files held no rows
  rowsWritten: number;
  replacedBatches: number;
  reconciliation: Reconciliation | null;
  /** What each file held, in the order given. */
  files: ScannedFile[];
  /** Months whose partition the import made of the rows lanes wrote straight into it (sql-lanes.ts). */
  attachedPartitions: string[];
  /** Milliseconds spent reading + COPYing the rows, attributing + rolling up the window, and measuring its quality (on the run record). */
  timings: { copyMs: number; attributionMs: number; qualityMs?: number };
  /** The data-quality report of the rows written (null when the files held none). */
  quality: ImportQuality | null;
}

/** A file written without a hash taken first held content an import has written already: the import is
 *  to be redone with every file hashed first, so that file is skipped as unchanged (import-files.ts). */
export class ContentAlreadyImported extends Error {
  override name = "ContentAlreadyImported";
}

const ids = (values: number[]) => sql.join(values.map((value) => sql`${value}`), sql`, `);

/**
 * One pass per file, inside the transaction: each file is staged as it streams (stage-file.ts:
 * PostgreSQL parses CSV of CUR and FOCUS, Node the rest); a bad row throws an ImportError naming
 * file, line and column, and the transaction rolls back with nothing written. The staged rows go
 * into cost_line_items under new batch ids (block by block as lanes finish them, else one INSERT
 * ... SELECT per file), the month partitions made first; then the periods' old batches are
 * deleted and the new ones recorded.
 * `parseIn: "node"` is the retry after the SQL path refused a file (SqlPathRefused).
 */
export interface WriteOptions {
  format: FormatOption;
  /** Batches of files re-listed unchanged: their rows stay. */
  keptBatchIds: number[];
  parseIn: ParseIn;
  /** The size of the blocks lanes read a file in (sql-lanes.ts); tests make it small. */
  blockBytes?: number;
  /** Exports-only deployments: the resources come from the exports' resource ids (export-resources.ts). */
  resourcesFromExports?: boolean;
}

export async function writeImport(database: Database, runId: number, changed: FileToStage[], options: WriteOptions): Promise<WriteResult> {
  const blocks = new BlockTables(database, options.blockBytes);
  try {
    return await writeInTransaction(database, blocks, runId, changed, options);
  } finally {
    // After the transaction (it read them). A drop that fails must not hide how the import ended:
    // the next import sweeps what is left (dropOrphanBlocks).
    await blocks.drop().catch(() => undefined);
  }
}

async function writeInTransaction(database: Database, blocks: BlockTables, runId: number, changed: FileToStage[], { format: option, keptBatchIds, parseIn, resourcesFromExports }: WriteOptions): Promise<WriteResult> {
  return database.db.transaction(async (tx) => {
    // Imports queue behind each other: two writers must not both keep a period's old batches.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tallyboard:import-write'))`);
    if (database.kind === "postgres") await dropOrphanBlocks(tx);
    await tx.execute(
      sql.raw(`create temp table ${NODE_STAGE} on commit drop as
               select 0::int as file_index, day as billing_period, ${NODE_STAGE_COLUMNS.slice(2).join(", ")} from cost_line_items with no data`),
    );
    const copyStarted = performance.now();
    const batches = new BatchIds(tx);
    let rowsWritten = 0;
    // Blocks PostgreSQL lanes finish are written at once (sql-lanes.ts), while the next ones are read.
    const writer: BlockWriter = {
      batchIds: (index, periods, db) => batches.of(index, periods, db),
      write: async (index, block) => {
        if (!block.written) await ensureMonthPartitions(tx, block.firstDay, addDays(block.lastDay, 1));
        rowsWritten += await block.insert(tx, await batches.of(index, [...block.periods.keys()]));
      },
    };
    const scans: StagedFile[] = [];
    for (const [index, toWrite] of changed.entries()) scans.push(await stageFile(database, tx, blocks, index, toWrite, option, parseIn, writer));
    await refuseImportedContent(tx, scans.filter((_, index) => !changed[index]!.sha256));
    await blocks.indexFreshMonths();
    const attachedPartitions = await blocks.attachFreshMonths(tx);
    const days: string[] = scans.flatMap((scan) => [...scan.periods.values()].flatMap((p) => [p.firstDay, p.lastDay]));
    if (days.length > 0) await ensureMonthPartitions(tx, days.reduce((a, b) => (a < b ? a : b)), addDays(days.reduce((a, b) => (a > b ? a : b)), 1));
    const targets: SQL[] = [];
    for (const [index, scan] of scans.entries()) {
      if (scan.rows === 0) continue;
      const batchIds = await batches.of(index, [...scan.periods.keys()]);
      const raw = scan.raw;
      const insert = raw?.insert;
      if (raw && insert) rowsWritten += await withTagKeysRegistered(tx, raw, () => insert(tx, sourceOf(scan.format), batchIds)).catch((error: Error) => {
        throw new SqlPathRefused(`PostgreSQL refused a value of ${scan.file.name}: ${error.message}`, { cause: error });
      });
      else if (!raw) for (const [period, batchId] of batchIds) targets.push(sql`(${index}::int, ${period}::date, ${sourceOf(scan.format)}::text, ${batchId}::bigint)`);
    }
    if (targets.length > 0) {
      const moved = await tx.execute(
        sql`insert into cost_line_items (${sql.raw(COLUMNS.join(", "))})
            select ${sql.raw(COLUMNS.slice(0, -2).map((c) => `s.${c}`).join(", "))}, b.source, b.batch_id
            from ${sql.raw(NODE_STAGE)} s join (values ${sql.join(targets, sql`, `)}) as b(file_index, billing_period, source, batch_id)
              on b.file_index = s.file_index and b.billing_period = s.billing_period`,
      );
      rowsWritten += affectedRows(moved);
    }
    await refuseMixedFormats(tx, scans, keptBatchIds);
    // The old batches go after the new rows are in (they carry batch ids not recorded yet, so stay).
    const replaced = await replacePeriods(tx, scans, keptBatchIds, days);
    for (const [index, scan] of scans.entries()) if (scan.rows > 0) await insertBatches(tx, scan, await batches.of(index, [...scan.periods.keys()]));
    const staged = scans.reduce((sum, scan) => sum + scan.rows, 0);
    if (rowsWritten !== staged) throw new Error(`staged ${staged} rows but wrote ${rowsWritten}`);
    const copyMs = Math.round(performance.now() - copyStarted);
    const files = scans.map(({ raw: _raw, ...scan }) => scan);
    const sorted = days.sort();
    if (sorted.length === 0) return { window: null, rowsWritten, replacedBatches: replaced, reconciliation: null, files, attachedPartitions, timings: { copyMs, attributionMs: 0 }, quality: null };
    const window = { start: sorted[0]!, end: addDays(sorted[sorted.length - 1]!, 1) };
    const written = await Promise.all(scans.filter((scan) => scan.rows > 0).map(async (scan) => ({ scan, batchIds: await batches.of(scans.indexOf(scan), [...scan.periods.keys()]) })));
    const fresh = new Map(written.flatMap(({ batchIds }) => [...batchIds].map(([period, id]) => [id, period] as const)));
    const attributionStarted = performance.now();
    // The engine widens the window as it needs (whole months for shared-cost splits) and rolls back on a mismatch;
    // its scan of the window's lines also totals the new ones, for the quality report.
    const { stats, reconciliation } = await attributeAndReconcile(tx, window, runId, fresh);
    if (resourcesFromExports) await upsertExportResources(tx, window);
    const attributionMs = Math.round(performance.now() - attributionStarted);
    const quality = await measureImportQuality(tx, written, window, stats.fresh);
    const timings = { copyMs, attributionMs, qualityMs: Math.round(performance.now() - attributionStarted) - attributionMs };
    return { window, rowsWritten, replacedBatches: replaced, reconciliation, files, attachedPartitions, timings, quality };
  });
}

/** Files read without a hash taken first: ContentAlreadyImported when one holds what an imported batch held. */
async function refuseImportedContent(tx: DbOrTx, unhashed: ScannedFile[]): Promise<void> {
  if (unhashed.length === 0) return;
  const [seen] = await queryRows<{ file: string }>(
    tx,
    sql`select file_name as file from import_batches where status = 'imported' and sha256 in (${sql.join(unhashed.map((scan) => sql`${scan.sha256}`), sql`, `)}) limit 1`,
  );
  if (seen) throw new ContentAlreadyImported(`a file holds what ${seen.file} held when imported`);
}

/** A period staged in two formats, or in another format than a batch kept beside it: rolled back. */
async function refuseMixedFormats(tx: DbOrTx, scans: ScannedFile[], keptBatchIds: number[]): Promise<void> {
  const kept = keptBatchIds.length === 0 ? [] : await queryRows<{ file: string; format: string; period: string }>(
    tx,
    sql`select file_name as file, format, billing_period::text as period from import_batches where id in (${ids(keptBatchIds)})`,
  );
  const staged = scans.filter((scan) => scan.rows > 0).map((scan) => ({ file: scan.file.name, format: scan.format, periods: [...scan.periods.keys()] }));
  const stagedPeriods = new Set(staged.flatMap((scan) => scan.periods));
  const keptBeside = kept.filter((batch) => stagedPeriods.has(batch.period)).map((batch) => ({ file: batch.file, format: batch.format, periods: [batch.period] }));
  const clash = mixedFormatClash([...keptBeside, ...staged]);
  if (clash) throw new ImportError(clash.file, null, null, clash.problem);
}

/** Deletes the rows of the periods' current batches (except kept ones); adds their days to `days`. */
async function replacePeriods(tx: DbOrTx, changed: ScannedFile[], keptBatchIds: number[], days: string[]): Promise<number> {
  const periods = new Set(changed.flatMap((scan) => [...scan.periods.keys()].map((period) => `${sourceOf(scan.format)}|${period}`)));
  let replaced = 0;
  for (const key of periods) {
    const [source, period] = key.split("|") as [string, string];
    const old = await queryRows<{ id: number; first: string | null; last: string | null }>(
      tx,
      sql`select id, first_day::text as first, last_day::text as last from import_batches where status = 'imported' and source = ${source} and billing_period = ${period}::date
          ${keptBatchIds.length > 0 ? sql`and id not in (${ids(keptBatchIds)})` : sql``}`,
    );
    if (old.length === 0) continue;
    const oldIds = old.map((row) => Number(row.id));
    // Within the batches' days when every one knows them: only those partitions are read.
    const bounded = old.every((row) => row.first && row.last);
    const within = bounded ? sql`and day >= ${old.map((row) => row.first!).sort()[0]}::date and day <= ${old.map((row) => row.last!).sort().at(-1)}::date` : sql``;
    const [gone] = await queryRows<{ first: string | null; last: string | null }>(
      tx,
      sql`with gone as (delete from cost_line_items where source = ${source} and batch_id in (${ids(oldIds)}) ${within} returning day)
          select min(day)::text as first, max(day)::text as last from gone`,
    );
    if (gone?.first && gone.last) days.push(gone.first, gone.last);
    await tx.execute(sql`update import_batches set status = 'replaced' where id in (${ids(oldIds)})`);
    replaced += oldIds.length;
  }
  return replaced;
}

/** Records the file's batches under the ids its rows carry. */
async function insertBatches(tx: DbOrTx, scan: ScannedFile, batchIds: Map<string, number>): Promise<void> {
  const rows = [...scan.periods].map(([period, summary]) => ({
    id: batchIds.get(period)!,
    source: sourceOf(scan.format),
    format: scan.format,
    billingPeriod: period,
    fileName: scan.file.name,
    sha256: scan.sha256,
    rows: summary.rows,
    firstDay: summary.firstDay,
    lastDay: summary.lastDay,
    status: "imported",
  }));
  await tx.insert(importBatches).values(rows);
}
