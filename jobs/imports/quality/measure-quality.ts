// Measures an import's quality inside its transaction, from the rows it wrote (its new batches): one
// grouped scan gives the totals per period and per invoice and the spend with no owner-like tag;
// keysCarried tells which of the months' registered tag keys (line_item_tag_keys) the rows carry.
import { sql, type SQL } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type DbOrTx } from "../../../db/client";
import { groupedByHashing } from "../../../db/grouped-by-hashing";
import { COMMON_OWNER_KEYS } from "../../../db/schema";
import type { DayWindow } from "../../sync/billing-window";
import type { ScannedFile } from "../scan-file";
import { ignoredColumns, isTagColumn } from "./columns-read";
import { keysCarried } from "./keys-carried";
import { newLines } from "./new-lines";
import { splitMismatchWarnings } from "./split-check";
import { ALL_SPLIT_COLUMN_NAMES } from "../split-columns";
import { qualityWarnings, type ImportQuality } from "../../../db/domain/import-quality-report";

interface Group {
  batch_id: number;
  invoice_id: string | null;
  rows: number;
  unblended: string;
  amortized: string;
  without_owner: string | null;
}

/** `written`: each file's batch id per billing period. */
export async function measureImportQuality(tx: DbOrTx, written: { scan: ScannedFile; batchIds: Map<string, number> }[], window: DayWindow): Promise<ImportQuality> {
  const periodOf = new Map(written.flatMap(({ batchIds }) => [...batchIds].map(([period, id]) => [id, period] as const)));
  const ownerTagKeys = (await queryRows<{ key: string }>(tx, sql`select tag_key as key from owner_tag_keys order by position`)).map((row) => row.key);
  const ownerLike = new Set([...ownerTagKeys, ...COMMON_OWNER_KEYS].map((key) => key.toLowerCase()));
  const candidates = (
    await queryRows<{ key: string }>(
      tx,
      sql`select distinct tag_key as key from line_item_tag_keys where month >= date_trunc('month', ${window.start}::date) and month < ${window.end}::date order by 1`,
    )
  ).map((row) => row.key);
  const ownerCandidates = candidates.filter((key) => ownerLike.has(key.toLowerCase()));
  const hasOwnerTag = ownerCandidates.length === 0 ? sql`false` : sql.join(ownerCandidates.map((key) => sql`coalesce(trim(li.tags ->> ${key}), '') <> ''`), sql` or `);
  const [column] = await queryRows<{ present: boolean }>(
    tx,
    sql`select exists (select 1 from information_schema.columns where table_name = 'cost_line_items' and column_name = 'invoice_id') as present`,
  );
  const invoice: SQL = column?.present ? sql`li.invoice_id` : sql`null::text`;
  const batchIds = [...periodOf.keys()];
  // The planner cannot estimate the few groups over new partitions, and sorted every line on disk.
  const groups =
    batchIds.length === 0
      ? []
      : await groupedByHashing(tx, () =>
          queryRows<Group>(
            tx,
            sql`select li.batch_id::int as batch_id, ${invoice} as invoice_id, count(*)::int as rows, sum(li.unblended_cost)::text as unblended,
                  sum(li.amortized_cost)::text as amortized, sum(li.unblended_cost) filter (where not (${hasOwnerTag}))::text as without_owner
                from cost_line_items li
                where ${newLines(window, batchIds)}
                group by 1, 2`,
          ),
        );
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
  const total = sumOf(groups, (group) => group.unblended);
  const withoutOwner = sumOf(groups, (group) => group.without_owner ?? "0");
  return {
    rows: groups.reduce((sum, group) => sum + group.rows, 0),
    periods: totalsBy(groups, (group) => periodOf.get(Number(group.batch_id))!).map(({ key, ...totals }) => ({ period: key!, ...totals })),
    invoices: column?.present ? totalsBy(groups, (group) => group.invoice_id).map(({ key, ...totals }) => ({ invoiceId: key, ...totals })) : null,
    tagKeys,
    ownerTagKeys,
    withoutOwnerTag: { unblended: withoutOwner.toFixed(), share: total.isZero() ? null : withoutOwner.dividedBy(total).toDecimalPlaces(4).toFixed() },
    files,
    warnings: [...qualityWarnings(files, tagKeys, ownerTagKeys), ...(hasSplitData ? await splitMismatchWarnings(tx, batchIds, window) : [])],
  };
}

function sumOf(groups: Group[], value: (group: Group) => string): Decimal {
  return groups.reduce((sum, group) => sum.plus(value(group)), new Decimal(0));
}

/** Rows and totals per key, sorted by key (nulls last). */
function totalsBy(groups: Group[], keyOf: (group: Group) => string | null) {
  const byKey = new Map<string | null, Group[]>();
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
