// AWS split cost allocation data (docs/clusters.md) as the CUR layouts write it: `splitLineItem/*` in the
// legacy CUR, `split_line_item_*` in its Athena/Parquet layout and in CUR 2.0. One table of names; the
// Node mapper (map-cur.ts) and the SQL mapping (sql-map-cur.ts) read the same fields the same way:
// costs to the cost scale, usages as written, and the UTC hour of the line where the
// per-instance-hour check needs it (split lines with a parent instance, EC2 instance lines).
import { sql, type SQL } from "drizzle-orm";
import { costScale, FieldError, money, requiredText, text, type RawRow } from "./line-item";
import { cost, numeric, USAGE_HOUR, type RawFields } from "./sql-fields";
import { SPLIT_LINE_COLUMNS, type SplitLineColumn } from "./split-line-columns";

export { SPLIT_LINE_COLUMNS, SPLIT_NULLS } from "./split-line-columns";

type Field = Exclude<SplitLineColumn, "usage_hour">;
const COSTS: Field[] = ["split_cost", "unused_cost", "net_split_cost", "net_unused_cost"];
const USAGES: Field[] = ["reserved_usage", "actual_usage", "split_usage", "split_usage_ratio"];

const LEGACY_NAMES: Record<Field, string> = {
  split_cost: "splitLineItem/SplitCost",
  unused_cost: "splitLineItem/UnusedCost",
  net_split_cost: "splitLineItem/NetSplitCost",
  net_unused_cost: "splitLineItem/NetUnusedCost",
  parent_resource_id: "splitLineItem/ParentResourceId",
  reserved_usage: "splitLineItem/ReservedUsage",
  actual_usage: "splitLineItem/ActualUsage",
  split_usage: "splitLineItem/SplitUsage",
  split_usage_ratio: "splitLineItem/SplitUsageRatio",
};
const SNAKE_NAMES = Object.fromEntries(Object.keys(LEGACY_NAMES).map((field) => [field, `split_line_item_${field}`])) as Record<Field, string>;

/** The split columns in the spelling of a header (slash names when it has `lineItem/UnblendedCost`). */
export const splitColumnNames = (slashNames: boolean): Record<Field, string> => (slashNames ? LEGACY_NAMES : SNAKE_NAMES);
export const ALL_SPLIT_COLUMN_NAMES = [...Object.values(LEGACY_NAMES), ...Object.values(SNAKE_NAMES)];

export type SplitFields = Record<SplitLineColumn, string | null>;

const OFFSET = /[+-]\d{2}:\d{2}$/;
const WRITTEN_HOUR = /^\d{4}-\d{2}-\d{2}[T ](\d{2})/;

/** The UTC hour of a timestamp the day mapper accepted: written, unless it carries an offset. */
function utcHour(row: RawRow, column: string): number {
  const raw = row[column];
  const value = raw instanceof Date ? raw.toISOString() : requiredText(row, column);
  const written = WRITTEN_HOUR.exec(value);
  if (written && !OFFSET.test(value)) return Number(written[1]);
  if (!written && /^\d{4}-\d{2}-\d{2}$/.test(value)) return 0;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new FieldError(column, `"${value}" is not a timestamp`);
  return new Date(time).getUTCHours();
}

/** A line's split fields; undefined for a line with none (no split data, not an EC2 instance). */
export function mapSplitFields(row: RawRow, names: Record<Field, string>, resourceId: string | null, usageStart: string): SplitFields | undefined {
  const fields = {} as SplitFields;
  for (const field of COSTS) {
    const value = money(row, names[field]);
    fields[field] = value === null ? null : costScale(value).toFixed();
  }
  for (const field of USAGES) fields[field] = money(row, names[field])?.toFixed() ?? null;
  fields.parent_resource_id = text(row, names.parent_resource_id);
  const needsHour = fields.parent_resource_id !== null || (resourceId?.startsWith("i-") ?? false);
  fields.usage_hour = needsHour ? String(utcHour(row, usageStart)) : null;
  return Object.values(fields).some((value) => value !== null) ? fields : undefined;
}

/** The same fields in SQL over the raw text fields, and the number checks the Node mapper makes. */
export function splitValues(fields: RawFields, names: Record<Field, string>, resourceId: SQL): { values: Record<SplitLineColumn, SQL>; numbers: SQL[] } {
  const f = (field: Field) => fields.text(names[field]);
  const values = {} as Record<SplitLineColumn, SQL>;
  for (const field of COSTS) values[field] = cost(fields.number(names[field]));
  for (const field of USAGES) values[field] = numeric(fields.number(names[field]));
  values.parent_resource_id = f("parent_resource_id");
  values.usage_hour = sql`case when ${f("parent_resource_id")} is not null or left(${resourceId}, 2) = 'i-' then ${USAGE_HOUR} end`;
  return { values, numbers: [...COSTS, ...USAGES].filter((field) => fields.has(names[field])).map(f) };
}
