// The resource-level pass as one SQL text that Trino (Athena) and DuckDB both run: line items in,
// grouped facts out (billing period x day x account x service x region x usage type x record type x
// the tag values attribution reads x the resource while resource rules need it), plus the data-
// quality totals. Money is DECIMAL(38, 10), never DOUBLE: each amount's text (a Parquet DOUBLE as
// its shortest round-trip digits, what the PostgreSQL path's Parquet conversion writes) is read once
// as DECIMAL(38, 18) and rounded to 10 decimals half to even, as sql-fields.ts cost() does; sums
// stay decimal. Results are text, so no engine's client turns a number into a float.
// Split cost allocation data (docs/clusters.md) is grouped the same way: a split line's costs and
// usages are summed per pod, day and parent instance, and an EC2 instance's lines in the hours of its
// pods are kept apart with their instance id, so attribution through pods runs on the facts unchanged.
// Only functions and types on sql-allow-list.ts may appear here (a unit test parses the output).
import { literal, SPLIT_COSTS, SPLIT_USAGES, type ExportLayout } from "./export-layout";

export interface PassInput {
  /** The relation holding the export's lines: a DuckDB view, or "database"."table" on Athena. */
  from: string;
  /** A condition on the relation, e.g. the billing period's partition (Athena prunes by it). */
  where?: string;
  layout: ExportLayout;
  /** The tag keys the facts keep (owner keys, owner-like keys, environment keys), as the import spells them. */
  tagKeys: string[];
  /** Owner-like tag keys: spend where none has a value is reported. */
  ownerLikeKeys: string[];
  /** Keep each line's resource id (resource rules exist). */
  resourceIds: boolean;
}

/** The fact columns, in the order the facts query returns them; tag values follow as tag_0..tag_N,
 *  then how many of the fact's lines lack each required field (missing_0..missing_M). */
export const FACT_COLUMNS = [
  "period", "day", "account_id", "service", "region", "usage_type", "record_type", "resource_id", "unblended", "amortized", "net_amortized", "lines", "invoice_id", "rounded_values",
  "parent_resource_id", "usage_hour", ...SPLIT_COSTS, ...SPLIT_USAGES,
] as const;

const TIE = "cast('0.000000000050000000' as decimal(38, 18))";

/** An exact decimal rounded to 10 places half to even (a cast alone rounds half away from zero). */
function halfEven(x: string): string {
  const r = `cast(${x} as decimal(38, 10))`;
  return `(case when abs(${x} - ${r}) = ${TIE} and mod(cast(${r} * 10000000000 as decimal(38, 0)), 2) <> 0 then cast(${x} - (${r} - ${x}) as decimal(38, 10)) else ${r} end)`;
}

/** Day and billing period from the usage start and period start texts (UTC dates as the exports write them). */
const dateOf = (text: string) => `cast(substr(${text}, 1, 10) as date)`;
/** The hour of a usage start text, as written ("2025-06-01T05:00:00Z" and "2025-06-01 05:00:00" give 05; a date alone, 00). */
const hourOf = (text: string) => `coalesce(nullif(substr(${text}, 12, 2), ''), '00')`;

/**
 * A money text as DECIMAL(38, 10), in two ways with one result: plain text with at most 10 decimals
 * and 8 integer digits (almost every amount) is read as DECIMAL(18, 10), exactly and fast (DuckDB
 * parses text into a 38-digit decimal about 25 times slower); anything else (exponent notation, more
 * decimals, larger) as exact DECIMAL(38, 18), then rounded half to even.
 */
const plainShort = (t: string) =>
  `(strpos(${t}, 'e') + strpos(${t}, 'E') = 0 and ((strpos(${t}, '.') = 0 and length(${t}) <= 8) or (strpos(${t}, '.') > 0 and strpos(${t}, '.') <= 9 and length(${t}) - strpos(${t}, '.') <= 10)))`;

/**
 * The lines, in three steps: their texts (t), each amount read (f: the fast exact way; x: the exact
 * DECIMAL(38, 18) way), each amount as DECIMAL(38, 10) (r). Each step reads the one before, so no
 * value is cast twice.
 */
export function roundedLines(input: PassInput, extra: Record<string, string> = {}, splitCosts = false): string {
  const { layout } = input;
  const f = layout.fields;
  const splitMoney: Record<string, string> = splitCosts && layout.split ? layout.split.costs : {};
  const money: Record<string, string> = { ...layout.money, ...splitMoney };
  const moneyNames = Object.keys(money);
  const billMoney = Object.keys(layout.money).map((name) => moneyNames.indexOf(name));
  const texts = [
    `coalesce(${dateOf(f.periodStart)}, cast(substr(${f.usageStart}, 1, 7) || '-01' as date)) as period`,
    `${dateOf(f.usageStart)} as day`,
    `${f.account} as account_id`, `${f.service} as service`, `${f.region} as region`, `${f.usageType} as usage_type`, `${f.recordType} as record_type`,
    `${input.resourceIds ? f.resourceId : "cast(null as varchar)"} as resource_id`,
    ...input.tagKeys.map((key, i) => `${layout.tag(key)} as tag_${i}`),
    ...Object.entries({ ...extra, ...layout.carried }).map(([name, expression]) => `${expression} as ${name}`),
    ...moneyNames.map((name, i) => `${money[name]} as t_${i}`),
  ];
  const kept = ["period", "day", "account_id", "service", "region", "usage_type", "record_type", "resource_id", ...input.tagKeys.map((_, i) => `tag_${i}`), ...Object.keys(extra)];
  const inner = [...kept, ...Object.keys(layout.carried)];
  const read = moneyNames.map((_, i) => {
    const t = `t_${i}`;
    return `(case when ${plainShort(t)} then cast(cast(${t} as decimal(18, 10)) as decimal(38, 10)) end) as f_${i}, (case when not ${plainShort(t)} then cast(${t} as decimal(38, 18)) end) as x_${i}`;
  });
  const rounded = moneyNames.map((_, i) => `coalesce(f_${i}, ${halfEven(`x_${i}`)}) as r_${i}, x_${i}`);
  const m = (name: string) => `r_${moneyNames.indexOf(name)}`;
  const measures = layout.measures((name) => (moneyNames.includes(name) ? m(name) : "cast(null as decimal(38, 10))"));
  return `select ${kept.join(", ")}, ${measures.unblended} as unblended, ${measures.amortized} as amortized, ${measures.netAmortized} as net_amortized,
      ${Object.keys(splitMoney).map((name) => `${m(name)} as ${name}, `).join("")}${billMoney.map((i) => `(case when x_${i} <> r_${i} then 1 else 0 end)`).join(" + ")} as rounded_values
    from (select ${inner.join(", ")}, ${rounded.join(", ")}
      from (select ${inner.join(", ")}, ${read.join(", ")}
        from (select ${texts.join(",\n          ")}
          from ${input.from}${input.where ? ` where ${input.where}` : ""}) t) x) r`;
}

/** Tag keys that name an EC2 instance's cluster, as OpenCost attribution reads them (opencost-lines.ts): the EKS
 *  tag, and kubernetes.io/cluster/<name> (kubernetes_io_cluster_<name> in the Athena layout) valued owned or shared. */
export const KUBERNETES_CLUSTER_KEYS = ["kubernetes.io/cluster/", "kubernetes_io_cluster_"];
const namesInstanceCluster = (key: string) => key === "aws:eks:cluster-name" || KUBERNETES_CLUSTER_KEYS.some((prefix) => key.startsWith(prefix));

/** A money text as DECIMAL(38, 10), the fast exact way when plain, else rounded half to even. */
const exactMoney = (t: string) => `(case when ${plainShort(t)} then cast(cast(${t} as decimal(18, 10)) as decimal(38, 10)) else ${halfEven(`cast(${t} as decimal(38, 18))`)} end)`;

/** The instance-hours split lines name, `weighs` 1 where their split + unused cost is above zero (as cluster-lines.ts finds them). */
function splitHours(input: PassInput): string {
  const { fields, split } = input.layout;
  const [cost, unused] = [split!.costs.split_cost, split!.costs.unused_cost];
  return `select day, hour_key, instance, (case when sum(coalesce(split_cost, 0) + coalesce(unused_cost, 0)) > 0 then 1 else 0 end) as weighs from (
      select ${dateOf(fields.usageStart)} as day, ${hourOf(fields.usageStart)} as hour_key, ${split!.parent} as instance, ${exactMoney(cost)} as split_cost, ${exactMoney(unused)} as unused_cost
      from ${input.from} where ${input.where ? `(${input.where}) and ` : ""}${split!.parent} is not null) w
    group by day, hour_key, instance`;
}

/**
 * The lines with the resource id and split columns a fact keeps. The resource id: every line's while
 * resource rules exist, else an EC2 instance's tagged with a cluster (OpenCost splits those). With split
 * data, a split line keeps its pod (or task) and parent instance, so each pod weighs as in the import;
 * an instance line (or another line of that instance, as data transfer) in an hour of split lines keeps
 * its instance id. Both get usage hour 0, standing for the day's hours whose pods weigh something, or
 * 1 for its hours whose pods weigh nothing: attribution and the split check (split-check.ts) then read
 * the facts as they read the import's hours.
 */
function factLines(input: PassInput, extra: Record<string, string>): string {
  const { layout } = input;
  const split = layout.split;
  const clusterTags = input.tagKeys.flatMap((key, i) => (namesInstanceCluster(key) ? [key === "aws:eks:cluster-name" ? `tag_${i} is not null` : `tag_${i} in ('owned', 'shared')`] : []));
  const instance = "substr(resource_id, 1, 2) = 'i-'";
  const kept = [
    ...(input.resourceIds ? ["resource_id is not null then resource_id"] : []),
    ...(split ? ["parent is not null or split_hour is not null then resource_id"] : []),
    ...(clusterTags.length > 0 ? [`${instance} and ${split ? "parent is null and " : ""}(${clusterTags.join(" or ")}) then resource_id`] : []),
  ];
  const resource = kept.length === 0 ? "cast(null as varchar)" : `(case ${kept.map((when) => `when ${when}`).join(" ")} end)`;
  const others = ["period", "day", "account_id", "service", "region", "usage_type", "record_type", ...input.tagKeys.map((_, i) => `tag_${i}`), ...Object.keys(extra), "unblended", "amortized", "net_amortized", "rounded_values"];
  if (!split) {
    const nulls = [
      ...["parent_resource_id", "usage_hour"].map((name) => `cast(null as varchar) as ${name}`),
      ...[...SPLIT_COSTS, ...SPLIT_USAGES].map((name) => `cast(null as decimal(38, 10)) as ${name}`),
    ];
    return `select ${others.join(", ")}, ${resource} as resource_id, ${nulls.join(", ")} from (${roundedLines({ ...input, resourceIds: true }, extra)}) l`;
  }
  const lineExtra = {
    ...extra,
    parent: split.parent,
    hour_key: hourOf(layout.fields.usageStart),
    ...Object.fromEntries(SPLIT_USAGES.map((name) => [name, `cast(${split.usages[name]} as decimal(38, 18))`])),
  };
  const hour = `(case when split_hour is null then cast(null as varchar) when weighs = 1 then '0' else '1' end)`;
  return `select ${others.join(", ")}, ${resource} as resource_id, parent as parent_resource_id, ${hour} as usage_hour, ${[...SPLIT_COSTS, ...SPLIT_USAGES].join(", ")}
    from (select l.*, h.instance as split_hour, h.weighs
      from (${roundedLines({ ...input, resourceIds: true }, lineExtra, true)}) l
      left join (${splitHours(input)}) h on h.day = l.day and h.hour_key = l.hour_key and h.instance = coalesce(l.parent, l.resource_id)) s`;
}

/**
 * The grouped facts, one row per distinct fact and invoice: money as decimal text, the line count, the
 * amounts rounded to 10 decimals, and the lines lacking each required field. One scan gives both the
 * facts and the quality totals (run-pass.ts sums those per period and invoice); split data adds a
 * narrow second one, for the instance-hours of its split lines.
 */
export function factsSql(input: PassInput): string {
  const { layout } = input;
  const tags = input.tagKeys.map((_, i) => `tag_${i}`);
  const required = Object.values(layout.required).map((condition, i) => [`missing_${i}`, `(case when ${condition} then 1 else 0 end)`] as const);
  const extra = Object.fromEntries([["invoice_id", layout.fields.invoiceId], ...required]);
  const groupBy = ["period", "day", "account_id", "service", "region", "usage_type", "record_type", "resource_id", "invoice_id", "parent_resource_id", "usage_hour", ...tags];
  const sums = [...SPLIT_COSTS, ...SPLIT_USAGES].map((name) => `cast(sum(${name}) as varchar) as ${name}`);
  return `select cast(period as varchar) as period, cast(day as varchar) as day, account_id, service, region, usage_type, record_type, resource_id,
    cast(sum(unblended) as varchar) as unblended, cast(sum(amortized) as varchar) as amortized, cast(sum(net_amortized) as varchar) as net_amortized,
    cast(count(*) as varchar) as lines, invoice_id, cast(sum(rounded_values) as varchar) as rounded_values, parent_resource_id, usage_hour, ${sums.join(", ")}${tags.map((tag) => `, ${tag}`).join("")}${required.map(([name]) => `, cast(sum(${name}) as varchar) as ${name}`).join("")}
  from (${factLines(input, extra)}) l
  group by ${groupBy.join(", ")}`;
}

/** The fields `missing_<i>` of the quality totals name, in order. */
export const requiredFields = (layout: ExportLayout) => Object.keys(layout.required);

/** The condition selecting one billing period on a CUR table partitioned the Athena way. */
export function partitionFilter(style: "year-month" | "billing_period", period: string): string {
  const [year, month] = period.split("-") as [string, string];
  return style === "year-month" ? `year = ${literal(year)} and month = ${literal(String(Number(month)))}` : `billing_period = ${literal(period.slice(0, 7))}`;
}
