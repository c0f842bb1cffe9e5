// Runs the resource-level pass on an engine: one query per source (and billing period where the source
// is partitioned by it) gives the grouped facts with their quality counts. A bad line fails the whole
// pass, naming the field and how many lines lack it, before anything is written. Facts are merged
// across sources by fact (exact decimal sums) and split by billing period; the quality totals per
// period and invoice are summed from them.
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { COMMON_OWNER_KEYS } from "../../db/schema";
import { FACT_COLUMNS, factsSql, requiredFields, type PassInput } from "./pass-sql";
import { EnginePassError, type PassEngine, type PassRows, type PassSource } from "./pass-engine";

export interface Fact {
  period: string;
  day: string;
  accountId: string;
  service: string;
  region: string;
  usageType: string;
  recordType: string;
  resourceId: string | null;
  tags: Record<string, string>;
  unblended: Decimal;
  amortized: Decimal;
  netAmortized: Decimal;
  lines: number;
}

export interface PeriodQuality {
  period: string;
  invoiceId: string | null;
  lines: number;
  unblended: string;
  amortized: string;
  withoutOwnerTag: string;
  /** Amounts with more than 10 decimals, rounded half to even as the PostgreSQL path rounds them. */
  roundedValues: number;
}

export interface PassResult {
  /** Facts by billing period (YYYY-MM-01), in period order. */
  periods: Map<string, Fact[]>;
  quality: PeriodQuality[];
  tagKeys: string[];
  resourceIds: boolean;
}

/** What attribution reads from a line beyond its fixed fields: the tag keys and whether resources matter. */
export async function passNeeds(db: DbOrTx): Promise<{ ownerLike: Set<string>; exactKeys: string[]; resourceIds: boolean }> {
  const owner = await queryRows<{ key: string }>(db, sql`select distinct tag_key as key from owner_tag_keys`);
  const environment = await queryRows<{ key: string }>(db, sql`select distinct tag_key as key from environment_tag_values`);
  const [resource] = await queryRows<{ any: boolean }>(db, sql`select exists (select 1 from ownership_rules where kind = 'resource') as any`);
  const exactKeys = [...new Set(["team", ...owner.map((row) => row.key), ...COMMON_OWNER_KEYS, ...environment.map((row) => row.key)])].sort();
  const ownerLike = new Set(["team", ...owner.map((row) => row.key), ...COMMON_OWNER_KEYS].map((key) => key.toLowerCase()));
  return { ownerLike, exactKeys, resourceIds: Boolean(resource?.any) };
}

const byName = (result: PassRows) => result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i] ?? null])));

/** Runs the pass over every source (one query per period where the source is partitioned by it). */
export async function runPass(engine: PassEngine, needs: Awaited<ReturnType<typeof passNeeds>>, periods: string[] | null): Promise<PassResult> {
  const merged = new Map<string, Fact>();
  const quality: PeriodQuality[] = [];
  const allKeys = new Set<string>();
  for (const source of engine.sources) {
    const { layout } = source;
    // A tag-per-column export names its keys: keep the owner-like ones as written, and the exact ones.
    const tagKeys = layout.tagKeys
      ? layout.tagKeys.filter((key) => needs.ownerLike.has(key.toLowerCase()) || needs.exactKeys.includes(key)).sort()
      : needs.exactKeys;
    const ownerLikeKeys = tagKeys.filter((key) => needs.ownerLike.has(key.toLowerCase()));
    tagKeys.forEach((key) => allKeys.add(key));
    const filters = source.periodFilter && periods ? periods.map((period) => source.periodFilter!(period)) : [undefined];
    for (const where of filters) {
      const input: PassInput = { from: source.from, where, layout, tagKeys, ownerLikeKeys, resourceIds: needs.resourceIds };
      const facts = await engine.run({ sql: factsSql(input), label: `facts ${source.label}${where ? ` (${where})` : ""}` });
      refuseBadLines(source, facts, tagKeys.length);
      const ownerColumns = ownerLikeKeys.map((key) => FACT_COLUMNS.length + tagKeys.indexOf(key));
      for (const row of facts.rows) {
        addFact(merged, row, tagKeys);
        addQuality(quality, row, ownerColumns.every((column) => row[column] === null));
      }
    }
  }
  const periodsOut = new Map<string, Fact[]>();
  for (const fact of [...merged.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0))) {
    if (!periodsOut.has(fact.period)) periodsOut.set(fact.period, []);
    periodsOut.get(fact.period)!.push(fact);
  }
  quality.sort((a, b) => (a.period === b.period ? String(a.invoiceId).localeCompare(String(b.invoiceId)) : a.period < b.period ? -1 : 1));
  return { periods: periodsOut, quality, tagKeys: [...allKeys].sort(), resourceIds: needs.resourceIds };
}

function refuseBadLines(source: PassSource, facts: PassRows, tags: number): void {
  requiredFields(source.layout).forEach((field, i) => {
    const column = FACT_COLUMNS.length + tags + i;
    const missing = facts.rows.reduce((sum, row) => sum + Number(row[column] ?? 0), 0);
    if (missing > 0) throw new EnginePassError(`${source.label}: ${missing} line(s) without ${field}; nothing was written`);
  });
}

/** Adds a fact row to the totals of its period and invoice. */
function addQuality(quality: PeriodQuality[], row: (string | null)[], withoutOwner: boolean): void {
  const value = (column: (typeof FACT_COLUMNS)[number]) => row[FACT_COLUMNS.indexOf(column)] ?? null;
  const [period, invoiceId] = [value("period")!, value("invoice_id")];
  let totals = quality.find((q) => q.period === period && q.invoiceId === invoiceId);
  if (!totals) quality.push((totals = { period, invoiceId, lines: 0, unblended: "0", amortized: "0", withoutOwnerTag: "0", roundedValues: 0 }));
  const add = (sum: string, text: string | null) => new Decimal(sum).plus(text ?? 0).toFixed();
  totals.lines += Number(value("lines"));
  totals.unblended = add(totals.unblended, value("unblended"));
  totals.amortized = add(totals.amortized, value("amortized"));
  if (withoutOwner) totals.withoutOwnerTag = add(totals.withoutOwnerTag, value("unblended"));
  totals.roundedValues += Number(value("rounded_values"));
}

/** Decimal text without trailing zeros (DECIMAL(38, 10) text is "1.5000000000"). */
const plain = (text: string) => new Decimal(text).toFixed();

function addFact(merged: Map<string, Fact>, row: (string | null)[], tagKeys: string[]): void {
  const value = (column: (typeof FACT_COLUMNS)[number]) => row[FACT_COLUMNS.indexOf(column)] ?? null;
  const tags: Record<string, string> = {};
  tagKeys.forEach((key, i) => {
    const tag = row[FACT_COLUMNS.length + i];
    if (tag !== null && tag !== undefined) tags[key] = tag;
  });
  const fact: Fact = {
    period: value("period")!, day: value("day")!, accountId: value("account_id")!, service: value("service")!, region: value("region")!,
    usageType: value("usage_type")!, recordType: value("record_type")!, resourceId: value("resource_id"), tags,
    unblended: new Decimal(value("unblended")!), amortized: new Decimal(value("amortized")!), netAmortized: new Decimal(value("net_amortized")!), lines: Number(value("lines")),
  };
  const key = JSON.stringify([fact.period, fact.day, fact.accountId, fact.service, fact.region, fact.usageType, fact.recordType, fact.resourceId, Object.entries(tags).sort()]);
  const seen = merged.get(key);
  if (!seen) merged.set(key, fact);
  else {
    seen.unblended = seen.unblended.plus(fact.unblended);
    seen.amortized = seen.amortized.plus(fact.amortized);
    seen.netAmortized = seen.netAmortized.plus(fact.netAmortized);
    seen.lines += fact.lines;
  }
}
