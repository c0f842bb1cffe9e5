// The transactional write: for each (source, billing period) the changed files hold, the period's
// previous batches are deleted, the files' rows COPYed in, and the days touched re-attributed and
// reconciled, all in one transaction. Rows of files that were re-listed unchanged stay.
import { sql } from "drizzle-orm";
import { queryRows, type Database, type DbOrTx } from "../../db/client";
import { importBatches } from "../../db/schema";
import { addDays } from "../../db/calendar";
import { ensureMonthPartitions } from "../../db/line-item-partitions";
import { attributeAndReconcile } from "../attribution/attribute-and-reconcile";
import type { Reconciliation } from "../attribution/reconcile";
import type { DayWindow } from "../sync/billing-window";
import { sourceOf } from "./detect-format";
import type { ImportedLineItem } from "./line-item";
import { mapFile } from "./map-file";
import { hashing, type ScannedFile } from "./scan-file";

const COLUMNS = ["day", "account_id", "service", "region", "usage_type", "record_type", "resource_id", "tags", "unblended_cost", "amortized_cost", "net_amortized_cost", "usage_quantity", "source", "batch_id"] as const;

export interface WriteResult {
  window: DayWindow | null; // null when the files held no rows
  rowsWritten: number;
  replacedBatches: number;
  reconciliation: Reconciliation | null;
  /** Milliseconds spent reading + COPYing the rows, and attributing + rolling up the window (on the run record). */
  timings: { copyMs: number; attributionMs: number };
}

const ids = (values: number[]) => sql.join(values.map((value) => sql`${value}`), sql`, `);

export async function writeImport(database: Database, runId: number, changed: ScannedFile[], keptBatchIds: number[]): Promise<WriteResult> {
  return database.db.transaction(async (tx) => {
    // Imports queue behind each other: two writers must not both keep a period's old batches.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tallyboard:import-write'))`);
    const days: string[] = changed.flatMap((scan) => [...scan.periods.values()].flatMap((p) => [p.firstDay, p.lastDay]));
    const replaced = await replacePeriods(tx, changed, keptBatchIds, days);
    if (days.length > 0) await ensureMonthPartitions(tx, days.reduce((a, b) => (a < b ? a : b)), addDays(days.reduce((a, b) => (a > b ? a : b)), 1));
    let rowsWritten = 0;
    const copyStarted = performance.now();
    for (const scan of changed) {
      if (scan.rows === 0) continue;
      const batchIds = await insertBatches(tx, scan);
      const { stream, digest } = hashing(await scan.file.open());
      const mapped = await mapFile(scan.file.name, stream, scan.format);
      const source = sourceOf(mapped.format);
      const rows = (async function* () {
        for await (const item of mapped.items) yield copyRow(item, source, batchIds.get(item.billingPeriod));
      })();
      const written = await database.copyRows(tx, "cost_line_items", COLUMNS, rows);
      if (digest() !== scan.sha256 || written !== scan.rows) throw new Error(`${scan.file.name} changed while it was being imported; run the import again`);
      rowsWritten += written;
    }
    const copyMs = Math.round(performance.now() - copyStarted);
    const sorted = days.sort();
    if (sorted.length === 0) return { window: null, rowsWritten, replacedBatches: replaced, reconciliation: null, timings: { copyMs, attributionMs: 0 } };
    const window = { start: sorted[0]!, end: addDays(sorted[sorted.length - 1]!, 1) };
    // The engine widens the window as it needs (whole months for shared-cost splits) and rolls back on a mismatch.
    const attributionStarted = performance.now();
    const { reconciliation } = await attributeAndReconcile(tx, window, runId);
    const timings = { copyMs, attributionMs: Math.round(performance.now() - attributionStarted) };
    return { window, rowsWritten, replacedBatches: replaced, reconciliation, timings };
  });
}

/** Deletes the rows of the periods' current batches (except kept ones); adds their days to `days`. */
async function replacePeriods(tx: DbOrTx, changed: ScannedFile[], keptBatchIds: number[], days: string[]): Promise<number> {
  const periods = new Set(changed.flatMap((scan) => [...scan.periods.keys()].map((period) => `${sourceOf(scan.format)}|${period}`)));
  let replaced = 0;
  for (const key of periods) {
    const [source, period] = key.split("|") as [string, string];
    const old = await queryRows<{ id: number }>(
      tx,
      sql`select id from import_batches where status = 'imported' and source = ${source} and billing_period = ${period}::date
          ${keptBatchIds.length > 0 ? sql`and id not in (${ids(keptBatchIds)})` : sql``}`,
    );
    if (old.length === 0) continue;
    const oldIds = old.map((row) => Number(row.id));
    const [gone] = await queryRows<{ first: string | null; last: string | null }>(
      tx,
      sql`with gone as (delete from cost_line_items where source = ${source} and batch_id in (${ids(oldIds)}) returning day)
          select min(day)::text as first, max(day)::text as last from gone`,
    );
    if (gone?.first && gone.last) days.push(gone.first, gone.last);
    await tx.execute(sql`update import_batches set status = 'replaced' where id in (${ids(oldIds)})`);
    replaced += oldIds.length;
  }
  return replaced;
}

/** One batch per (file, billing period); its id goes on the rows as batch_id. */
async function insertBatches(tx: DbOrTx, scan: ScannedFile): Promise<Map<string, number>> {
  const rows = [...scan.periods].map(([period, summary]) => ({
    source: sourceOf(scan.format),
    format: scan.format,
    billingPeriod: period,
    fileName: scan.file.name,
    sha256: scan.sha256,
    rows: summary.rows,
    status: "imported",
  }));
  const inserted = await tx.insert(importBatches).values(rows).returning({ id: importBatches.id, billingPeriod: importBatches.billingPeriod });
  return new Map(inserted.map((row) => [row.billingPeriod, row.id]));
}

function copyRow(item: ImportedLineItem, source: string, batchId: number | undefined): (string | null)[] {
  if (batchId === undefined) throw new Error(`billing period ${item.billingPeriod} appeared between reads`);
  return [item.day, item.accountId, item.service, item.region, item.usageType, item.recordType, item.resourceId, JSON.stringify(item.tags), item.unblended, item.amortized, item.netAmortized, item.usageQuantity, source, String(batchId)];
}
