// Writes one billing period's grouped facts into PostgreSQL and re-attributes its days, in one
// transaction: the period's previous rows (an import's lines or an earlier pass's facts) are
// replaced, the facts COPYed into cost_line_items (each with the number of lines it stands for),
// then attribution, rollups and reconciliation run on them unchanged. A pass interrupted before a
// period commits leaves that period's previous facts in force.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Database, type DbOrTx } from "../../db/client";
import { importBatches } from "../../db/schema";
import { addDays } from "../../db/calendar";
import { ensureMonthPartitions } from "../../db/line-item-partitions";
import { attributeAndReconcile } from "../attribution/attribute-and-reconcile";
import type { Reconciliation } from "../attribution/reconcile";
import type { ImportFormat } from "../imports/line-item";
import { sourceOf } from "../imports/detect-format";
import { splitMismatchWarnings } from "../imports/quality/split-check";
import type { QualityWarning } from "../../db/domain/import-quality-report";
import { SPLIT_COSTS, SPLIT_USAGES } from "./export-layout";
import type { Fact } from "./run-pass";

const COLUMNS = [
  "day", "account_id", "service", "region", "usage_type", "record_type", "resource_id", "tags", "unblended_cost", "amortized_cost", "net_amortized_cost", "source", "batch_id", "line_count",
  "parent_resource_id", "usage_hour", ...SPLIT_COSTS, ...SPLIT_USAGES,
];

export interface WrittenPeriod {
  period: string;
  facts: number;
  lines: number;
  /** Instances whose pods' split + unused cost differs from their amortized cost on some day (the import's split check, per day). */
  splitMismatches: QualityWarning[];
  replacedBatches: number;
  window: { start: string; end: string };
  reconciliation: Reconciliation;
}

export async function writePeriodFacts(database: Database, runId: number, input: { period: string; facts: Fact[]; format: ImportFormat; label: string }): Promise<WrittenPeriod> {
  const { period, facts, format } = input;
  const source = sourceOf(format);
  return database.db.transaction(async (tx) => {
    // The same queue as imports: two writers must not both keep a period's old rows.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tallyboard:import-write'))`);
    const days = facts.map((fact) => fact.day).sort();
    const replaced = await deletePeriod(tx, source, period, days);
    const [first, last] = [days[0]!, days.at(-1)!];
    await ensureMonthPartitions(tx, first, addDays(last, 1));
    const [batch] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('import_batches', 'id'))::int as id`);
    const batchId = String(batch!.id);
    const hash = createHash("sha256");
    const rows = facts.map((fact) => {
      const row = [fact.day, fact.accountId, fact.service, fact.region, fact.usageType, fact.recordType, fact.resourceId, JSON.stringify(fact.tags),
        fact.unblended.toFixed(), fact.amortized.toFixed(), fact.netAmortized.toFixed(), source, batchId, String(fact.lines),
        fact.parentResourceId, fact.usageHour, ...[...SPLIT_COSTS, ...SPLIT_USAGES].map((name) => fact.split[name]?.toFixed() ?? null)];
      hash.update(JSON.stringify(row.slice(0, 11)));
      return row;
    });
    await database.copyRows(tx, "cost_line_items", COLUMNS, rows);
    const lines = facts.reduce((sum, fact) => sum + fact.lines, 0);
    await tx.insert(importBatches).values({
      id: Number(batchId), source, format, billingPeriod: period, fileName: input.label, sha256: hash.digest("hex"), rows: lines, firstDay: first, lastDay: last, status: "imported",
    });
    const window = { start: days[0]! < replaced.first ? days[0]! : replaced.first, end: addDays(days.at(-1)! > replaced.last ? days.at(-1)! : replaced.last, 1) };
    const splitMismatches = facts.some((fact) => fact.parentResourceId !== null) ? await splitMismatchWarnings(tx, [Number(batchId)], window, true) : [];
    const { reconciliation } = await attributeAndReconcile(tx, window, runId);
    return { period, facts: facts.length, lines, splitMismatches, replacedBatches: replaced.batches, window, reconciliation };
  });
}

/** Deletes the rows of the period's current batches; the days they spanned (or the new ones) and how many batches. */
async function deletePeriod(tx: DbOrTx, source: string, period: string, days: string[]): Promise<{ batches: number; first: string; last: string }> {
  const old = await queryRows<{ id: number; first: string | null; last: string | null }>(
    tx,
    sql`select id, first_day::text as first, last_day::text as last from import_batches where status = 'imported' and source = ${source} and billing_period = ${period}::date`,
  );
  let [first, last] = [days[0]!, days.at(-1)!];
  if (old.length === 0) return { batches: 0, first, last };
  const ids = sql.join(old.map((row) => sql`${Number(row.id)}`), sql`, `);
  const [gone] = await queryRows<{ first: string | null; last: string | null }>(
    tx,
    sql`with gone as (delete from cost_line_items where source = ${source} and batch_id in (${ids}) returning day) select min(day)::text as first, max(day)::text as last from gone`,
  );
  if (gone?.first && gone.first < first) first = gone.first;
  if (gone?.last && gone.last > last) last = gone.last;
  await tx.execute(sql`update import_batches set status = 'replaced' where id in (${ids})`);
  return { batches: old.length, first, last };
}
