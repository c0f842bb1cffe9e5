// Runs the resource-level pass on an engine: one query per source (and billing period where the source
// is partitioned by it) gives the grouped facts with their quality counts. A bad line fails the whole
// pass, naming the field and how many lines lack it, before anything is written. Facts are merged
// across sources by fact (exact decimal sums) and split by billing period; the quality totals per
// period and invoice are summed from them.
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { COMMON_OWNER_KEYS } from "../../db/schema";
import { SPLIT_COSTS, SPLIT_USAGES } from "./export-layout";
import { FACT_COLUMNS, factsSql, KUBERNETES_CLUSTER_KEYS, requiredFields, type PassInput } from "./pass-sql";
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
  /** Split data (pass-sql.ts factLines): the parent instance, the usage hour standing for the day's hours, the sums. */
  parentResourceId: string | null;
  usageHour: string | null;
  split: Record<SplitMeasure, Decimal | null>;
}

type SplitMeasure = (typeof SPLIT_MEASURES)[number];
const SPLIT_MEASURES = [...SPLIT_COSTS, ...SPLIT_USAGES] as const;
/** The AWS-managed tags cluster attribution and the Clusters page read (cluster-lines.ts, db/queries/clusters.ts). */
const CLUSTER_TAG_KEYS = ["aws:eks:cluster-name", "aws:eks:namespace", "aws:eks:workload-name", "aws:ecs:clusterName", "aws:ecs:serviceName"];

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

export interface PassNeeds {
  ownerLike: Set<string>;
  exactKeys: string[];
  /** Cluster tag keys: the AWS-managed ones, and kubernetes.io/cluster/<name> for the clusters the rules and OpenCost name (a tag map does not list its keys). */
  clusterKeys: string[];
  resourceIds: boolean;
}

/** What attribution reads from a line beyond its fixed fields: the tag keys and whether resources matter. */
export async function passNeeds(db: DbOrTx): Promise<PassNeeds> {
  const owner = await queryRows<{ key: string }>(db, sql`select distinct tag_key as key from owner_tag_keys`);
  const environment = await queryRows<{ key: string }>(db, sql`select distinct tag_key as key from environment_tag_values`);
  const [resource] = await queryRows<{ any: boolean }>(db, sql`select exists (select 1 from ownership_rules where kind = 'resource') as any`);
  const clusters = await queryRows<{ cluster: string }>(db, sql`select cluster from cluster_rules where cluster is not null union select cluster from opencost_allocations`);
  const exactKeys = [...new Set(["team", ...owner.map((row) => row.key), ...COMMON_OWNER_KEYS, ...environment.map((row) => row.key)])].sort();
  const ownerLike = new Set(["team", ...owner.map((row) => row.key), ...COMMON_OWNER_KEYS].map((key) => key.toLowerCase()));
  const clusterKeys = [...CLUSTER_TAG_KEYS, ...clusters.map((row) => `${KUBERNETES_CLUSTER_KEYS[0]}${row.cluster}`)].sort();
  return { ownerLike, exactKeys, clusterKeys, resourceIds: Boolean(resource?.any) };
}

const byName = (result: PassRows) => result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i] ?? null])));

/** Runs the pass over every source (one query per period where the source is partitioned by it). */
export async function runPass(engine: PassEngine, needs: PassNeeds, periods: string[] | null): Promise<PassResult> {
  const merged = new Map<string, Fact>();
  const quality: PeriodQuality[] = [];
  const allKeys = new Set<string>();
  for (const source of engine.sources) {
    const { layout } = source;
    // A tag-per-column export names its keys: keep the owner-like ones as written, the exact ones and the clusters'.
    const tagKeys = layout.tagKeys
      ? layout.tagKeys.filter((key) => needs.ownerLike.has(key.toLowerCase()) || needs.exactKeys.includes(key) || CLUSTER_TAG_KEYS.includes(key) || KUBERNETES_CLUSTER_KEYS.some((prefix) => key.startsWith(prefix))).sort()
      : [...new Set([...needs.exactKeys, ...needs.clusterKeys])].sort();
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
    parentResourceId: value("parent_resource_id"), usageHour: value("usage_hour"),
    split: Object.fromEntries(SPLIT_MEASURES.map((name) => [name, value(name) === null ? null : new Decimal(value(name)!)])) as Fact["split"],
  };
  const key = JSON.stringify([fact.period, fact.day, fact.accountId, fact.service, fact.region, fact.usageType, fact.recordType, fact.resourceId, fact.parentResourceId, fact.usageHour, Object.entries(tags).sort()]);
  const seen = merged.get(key);
  if (!seen) merged.set(key, fact);
  else {
    seen.unblended = seen.unblended.plus(fact.unblended);
    seen.amortized = seen.amortized.plus(fact.amortized);
    seen.netAmortized = seen.netAmortized.plus(fact.netAmortized);
    seen.lines += fact.lines;
    for (const name of SPLIT_MEASURES) {
      const [a, b] = [seen.split[name], fact.split[name]];
      seen.split[name] = a === null ? b : b === null ? a : a.plus(b);
    }
  }
}
