// Measures an import's quality inside its transaction, from the rows it wrote (its new batches): the
// totals per period and per invoice and the spend with no owner-like tag come from attribution's scan
// of the same rows (jobs/attribution/fresh-lines.ts); keysCarried tells which of the months'
// registered tag keys (line_item_tag_keys) the rows carry.
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../../../db/client";
import { COMMON_OWNER_KEYS } from "../../../db/schema";
import { firstOfMonth } from "../../../db/calendar";
import type { DayWindow } from "../../sync/billing-window";
import type { FreshTotal } from "../../attribution/fresh-lines";
import type { ScannedFile } from "../scan-file";
import { ignoredColumns, isTagColumn } from "./columns-read";
import { keysCarried } from "./keys-carried";
import { splitMismatchWarnings } from "./split-check";
import { ALL_SPLIT_COLUMN_NAMES } from "../split-columns";
import { qualityWarnings, type ImportQuality } from "../../../db/domain/import-quality-report";

/** `written`: each file's batch id per billing period; `totals`: their lines' totals, as attribution summed them. */
export async function measureImportQuality(tx: DbOrTx, written: { scan: ScannedFile; batchIds: Map<string, number> }[], window: DayWindow, totals: FreshTotal[]): Promise<ImportQuality> {
  // The ownership file's keys in force over the months attribution read (its owner-like keys too), each once.
  const ownerTagKeys = (
    await queryRows<{ key: string }>(
      tx,
      sql`select tag_key as key from owner_tag_keys where valid_from < ${window.end}::date and (valid_to is null or valid_to > ${firstOfMonth(window.start)}::date)
          group by tag_key order by min(valid_from), min(position)`,
    )
  ).map((row) => row.key);
  const ownerLike = new Set([...ownerTagKeys, ...COMMON_OWNER_KEYS].map((key) => key.toLowerCase()));
  const candidates = (
    await queryRows<{ key: string }>(
      tx,
      sql`select distinct tag_key as key from line_item_tag_keys where month >= date_trunc('month', ${window.start}::date) and month < ${window.end}::date order by 1`,
    )
  ).map((row) => row.key);
  const batchIds = written.flatMap(({ batchIds }) => [...batchIds.values()]);
  const carried = await keysCarried(tx, candidates, batchIds, window);
  const found = candidates.filter((key) => carried.has(key));
  const tagKeys = found.map((key) => ({ key, ownerKey: ownerTagKeys.includes(key), ownerLike: ownerLike.has(key.toLowerCase()) }));
  const files = written.map(({ scan }) => ({
    name: scan.file.name,
    format: scan.format,
    tagColumns: scan.columns.filter(isTagColumn),
    ignoredColumns: ignoredColumns(scan.format, scan.columns),
  }));
  // Only files with split columns write split lines: without them the check's scan finds nothing.
  const hasSplitData = written.some(({ scan }) => scan.columns.some((name) => ALL_SPLIT_COLUMN_NAMES.includes(name)));
  const total = sumOf(totals, (group) => group.unblended);
  const withoutOwner = sumOf(totals, (group) => group.withoutOwnerTag);
  return {
    rows: totals.reduce((sum, group) => sum + group.rows, 0),
    periods: totalsBy(totals, (group) => group.period).map(({ key, ...sums }) => ({ period: key!, ...sums })),
    invoices: totalsBy(totals, (group) => group.invoiceId).map(({ key, ...sums }) => ({ invoiceId: key, ...sums })),
    tagKeys,
    ownerTagKeys,
    withoutOwnerTag: { unblended: withoutOwner.toFixed(), share: total.isZero() ? null : withoutOwner.dividedBy(total).toDecimalPlaces(4).toFixed() },
    files,
    warnings: [...qualityWarnings(files, tagKeys, ownerTagKeys), ...(hasSplitData ? await splitMismatchWarnings(tx, batchIds, window) : [])],
  };
}

function sumOf(groups: FreshTotal[], value: (group: FreshTotal) => string): Decimal {
  return groups.reduce((sum, group) => sum.plus(value(group)), new Decimal(0));
}

/** Rows and totals per key, sorted by key (nulls last). */
function totalsBy(groups: FreshTotal[], keyOf: (group: FreshTotal) => string | null) {
  const byKey = new Map<string | null, FreshTotal[]>();
  for (const group of groups) byKey.set(keyOf(group), [...(byKey.get(keyOf(group)) ?? []), group]);
  return [...byKey]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([key, members]) => ({
      key,
      rows: members.reduce((sum, group) => sum + group.rows, 0),
      unblended: sumOf(members, (group) => group.unblended).toFixed(),
      amortized: sumOf(members, (group) => group.amortized).toFixed(),
    }));
}
