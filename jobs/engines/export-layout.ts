// What the resource-level pass reads from an export, as portable SQL text (sql-allow-list.ts lists
// what that text may use): the legacy CUR (slash or Athena / Parquet spelling, one column per tag),
// CUR 2.0 (tags and product name in maps) and FOCUS, read as the import reads them (sql-map-cur.ts,
// sql-map-focus.ts): the same columns, fallbacks, amortization by line item type and tag keys.
import { CUR2_COLUMNS, LEGACY_CUR_COLUMNS, legacyCurColumns, type CurColumns } from "../imports/cur-columns";
import { detectFormat } from "../imports/detect-format";
import type { ImportFormat } from "../imports/line-item";
import { athenaName } from "../imports/aws-tag-keys";
import { splitColumnNames } from "../imports/split-columns";
import { tagKeyOfColumn } from "../imports/tag-columns";

/** A column reference as Trino and DuckDB both read it. */
export const ref = (column: string) => `"${column.replaceAll('"', '""')}"`;
/** A string literal. */
export const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The fields of a fact, each the text of a line's value (null when absent). */
export interface LayoutFields {
  usageStart: string;
  periodStart: string;
  account: string;
  service: string;
  region: string;
  usageType: string;
  recordType: string;
  resourceId: string;
  invoiceId: string;
}

/** Split cost allocation data's costs and usages (docs/clusters.md), summed into facts. */
export const SPLIT_COSTS = ["split_cost", "unused_cost", "net_split_cost", "net_unused_cost"] as const;
export const SPLIT_USAGES = ["reserved_usage", "actual_usage", "split_usage"] as const;

/** A CUR's split cost allocation columns, each the text of a line's value. */
export interface SplitFields {
  parent: string;
  costs: Record<(typeof SPLIT_COSTS)[number], string>;
  usages: Record<(typeof SPLIT_USAGES)[number], string>;
}

export interface ExportLayout {
  format: ImportFormat;
  fields: LayoutFields;
  /** The money columns a line's measures read, as text (a Parquet DOUBLE as its shortest round-trip digits). */
  money: Record<string, string>;
  /** Line values the measures read besides money (name -> text expression), carried to where they are computed. */
  carried: Record<string, string>;
  /** The three measures from the money columns, each already DECIMAL(38, 10) (`m(name)`, null when absent),
   *  the line's record type (column record_type) and the carried values (by name). */
  measures(m: (name: string) => string): { unblended: string; amortized: string; netAmortized: string };
  /** A bad line (the import would refuse it), by the field that makes it bad. */
  required: Record<string, string>;
  /** The value of one tag key on a line, as text (null when the line has none). */
  tag(key: string): string;
  /** The tag keys the export can carry when its columns tell (one column per tag); null for a map. */
  tagKeys: string[] | null;
  /** Split cost allocation data, when the export has its parent resource column; null otherwise (FOCUS never has it). */
  split: SplitFields | null;
}

export class LayoutError extends Error {
  override name = "LayoutError";
}

const NULL_TEXT = "cast(null as varchar)";

/** A map column's value under one key without failing on a missing key (Trino's subscript would). */
const mapValue = (map: string, key: string) => `(case when contains(map_keys(${map}), ${literal(key)}) then nullif(trim(${map}[${literal(key)}]), '') end)`;

/** The layout of an export from its column names (detected as the import detects it). */
export function exportLayout(columns: readonly string[], refOf: (column: string) => string = ref): ExportLayout {
  const format = detectFormat(columns);
  if (format === null) throw new LayoutError(`not a CUR, CUR 2.0 or FOCUS export (columns: ${columns.slice(0, 8).join(", ")}${columns.length > 8 ? ", ..." : ""})`);
  const text = (column: string | null, nullWord?: string) => {
    if (!column || !columns.includes(column)) return NULL_TEXT;
    const value = `nullif(trim(cast(${refOf(column)} as varchar)), '')`;
    return nullWord ? `nullif(${value}, ${literal(nullWord)})` : value;
  };
  const map = (column: string, key: string) => (columns.includes(column) ? mapValue(refOf(column), key) : NULL_TEXT);
  return format === "focus" ? focusLayout(columns, (column) => text(column, "NULL"), map) : curLayout(format, columns, (column) => text(column), map);
}

type MapValue = (column: string, key: string) => string;

function curLayout(format: ImportFormat, columns: readonly string[], text: (column: string | null) => string, map: MapValue): ExportLayout {
  const C: CurColumns = format === "cur" ? legacyCurColumns(columns) : CUR2_COLUMNS;
  const productName = format === "cur2" ? map("product", "product_name") : text(C.productName);
  const type = text(C.lineItemType);
  const names = ["unblended", "netUnblended", "reservationEffective", "netReservationEffective", "savingsPlanEffective", "netSavingsPlanEffective",
    "unusedUpfront", "netUnusedUpfront", "unusedRecurring", "netUnusedRecurring", "totalCommitment", "usedCommitment"] as const;
  const hasNet = names.some((name) => name.startsWith("net") && columns.includes(C[name]));
  const fields: LayoutFields = {
    usageStart: text(C.usageStart),
    periodStart: text(C.billingPeriodStart),
    account: text(C.account),
    service: `coalesce(${productName}, ${text(C.serviceCode)}, ${text(C.productCode)})`,
    region: `coalesce(${text(C.regionCode)}, ${text(C.region)}, '')`,
    usageType: `coalesce(${text(C.usageType)}, '')`,
    recordType: type,
    resourceId: text(C.resourceId),
    invoiceId: text(C.invoiceId),
  };
  const measures = (m: (name: string) => string) => {
    // amortize-cur.ts, line item type by type; a net amount falls back to the gross one
    const amortized = (pick: (gross: string) => string) => `(case record_type
      when 'DiscountedUsage' then ${pick("reservationEffective")}
      when 'SavingsPlanCoveredUsage' then ${pick("savingsPlanEffective")}
      when 'SavingsPlanNegation' then cast(0 as decimal(38, 10)) when 'SavingsPlanUpfrontFee' then cast(0 as decimal(38, 10))
      when 'Fee' then (case when reservation_purchase = 1 then cast(0 as decimal(38, 10)) else ${pick("unblended")} end)
      when 'RIFee' then coalesce(${pick("unusedUpfront")}, 0) + coalesce(${pick("unusedRecurring")}, 0)
      when 'SavingsPlanRecurringFee' then ${m("totalCommitment")} - coalesce(${m("usedCommitment")}, 0)
      else ${pick("unblended")} end)`;
    const gross = amortized((name) => m(name));
    const net = (name: string) => `coalesce(${m(`net${name[0]!.toUpperCase()}${name.slice(1)}`)}, ${m(name)})`;
    return { unblended: m("unblended"), amortized: gross, netAmortized: hasNet ? amortized(net) : gross };
  };
  const tagColumns = new Map(columns.flatMap((column) => (tagKeyOfColumn(column) === null ? [] : [[tagKeyOfColumn(column)!, column] as const])));
  // CUR 2.0 writes user tags as user_<key> in its map, AWS's as aws_<key> in any spelling the import reads (map-cur.ts cur2Tags)
  const cur2Tag = (key: string) => {
    if (!key.startsWith("aws:")) return map("resource_tags", `user_${key}`);
    const name = key.slice(4);
    const spellings = [...new Set([name, name.replace(/[^A-Za-z0-9]/g, "_"), athenaName(name)])].map((written) => map("resource_tags", `aws_${written}`));
    return spellings.length === 1 ? spellings[0]! : `coalesce(${spellings.join(", ")})`;
  };
  return {
    format,
    fields,
    money: Object.fromEntries(names.map((name) => [name, text(C[name])])),
    carried: { reservation_purchase: `(case when ${text(C.reservationArn)} is not null then 1 else 0 end)` },
    measures,
    required: {
      [C.lineItemType]: `${type} is null`,
      [C.account]: `${fields.account} is null`,
      [C.usageStart]: `${fields.usageStart} is null`,
      [C.unblended]: `${text(C.unblended)} is null`,
      "service (product name, service code or product code)": `${fields.service} is null`,
      [C.reservationEffective]: `${type} = 'DiscountedUsage' and ${text(C.reservationEffective)} is null`,
      [C.savingsPlanEffective]: `${type} = 'SavingsPlanCoveredUsage' and ${text(C.savingsPlanEffective)} is null`,
      [C.totalCommitment]: `${type} = 'SavingsPlanRecurringFee' and ${text(C.totalCommitment)} is null`,
    },
    tag: format === "cur2" ? cur2Tag : (key) => text(tagColumns.get(key) ?? null),
    tagKeys: format === "cur2" ? null : [...tagColumns.keys()],
    split: splitFields(splitColumnNames(C === LEGACY_CUR_COLUMNS), columns, text),
  };
}

function splitFields(names: ReturnType<typeof splitColumnNames>, columns: readonly string[], text: (column: string) => string): SplitFields | null {
  if (!columns.includes(names.parent_resource_id)) return null;
  return {
    parent: text(names.parent_resource_id),
    costs: Object.fromEntries(SPLIT_COSTS.map((name) => [name, text(names[name])])) as SplitFields["costs"],
    usages: Object.fromEntries(SPLIT_USAGES.map((name) => [name, text(names[name])])) as SplitFields["usages"],
  };
}

function focusLayout(columns: readonly string[], text: (column: string) => string, map: MapValue): ExportLayout {
  const [category, chargeClass] = [text("ChargeCategory"), text("ChargeClass")];
  const fields: LayoutFields = {
    usageStart: text("ChargePeriodStart"),
    periodStart: text("BillingPeriodStart"),
    account: `coalesce(${text("SubAccountId")}, ${text("BillingAccountId")})`,
    service: text("ServiceName"),
    region: `coalesce(${text("RegionId")}, '')`,
    usageType: `coalesce(${text("x_UsageType")}, ${text("SkuMeter")}, ${text("SkuId")}, '')`,
    recordType: `(case when ${chargeClass} is null then ${category} else ${category} || '/' || ${chargeClass} end)`,
    resourceId: text("ResourceId"),
    invoiceId: text("InvoiceId"),
  };
  return {
    format: "focus",
    fields,
    money: { billed: text("BilledCost"), effective: text("EffectiveCost") },
    carried: {},
    measures: (m) => ({ unblended: m("billed"), amortized: m("effective"), netAmortized: m("effective") }),
    required: {
      "SubAccountId or BillingAccountId": `${fields.account} is null`,
      BilledCost: `${text("BilledCost")} is null`,
      EffectiveCost: `${text("EffectiveCost")} is null`,
      ServiceName: `${fields.service} is null`,
      ChargeCategory: `${category} is null`,
      ChargePeriodStart: `${fields.usageStart} is null`,
    },
    tag: (key) => map("Tags", key),
    tagKeys: null,
    split: null,
  };
}
