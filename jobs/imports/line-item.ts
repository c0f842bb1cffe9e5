// What every import format maps to, and the field-level parsing all mappers share. Pure: no I/O.
import Decimal from "decimal.js";
import type { SplitFields } from "./split-columns";

export type ImportFormat = "cur" | "cur2" | "focus";
export type ImportSource = "cur" | "focus";

/** A cost_line_items row as an export describes it; money as decimal strings. */
export interface ImportedLineItem {
  day: string; // YYYY-MM-DD, the UTC day usage started
  billingPeriod: string; // YYYY-MM-01: what a restated export of this period replaces
  accountId: string;
  service: string;
  region: string;
  usageType: string;
  recordType: string;
  resourceId: string | null;
  tags: Record<string, string>;
  unblended: string;
  amortized: string;
  netAmortized: string;
  usageQuantity: string | null;
  invoiceId: string | null;
  /** Split cost allocation data (split-columns.ts); absent on formats without it. */
  split?: SplitFields;
}

/** A raw row: CSV gives strings, Parquet numbers, bigints, Dates, maps (objects) and nulls. */
export type RawRow = Record<string, unknown>;

/** One bad field; readers add the file and line. */
export class FieldError extends Error {
  constructor(
    readonly column: string,
    readonly problem: string,
  ) {
    super(`column ${column}: ${problem}`);
  }
}

/** A value as text, or null when absent or empty (FOCUS also writes nulls as the string NULL). */
export function text(row: RawRow, column: string, nullStrings: readonly string[] = []): string | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  let result: string;
  if (typeof value === "string") result = value;
  else if (typeof value === "number") result = Number.isFinite(value) ? new Decimal(value).toFixed() : String(value);
  else if (typeof value === "bigint") result = value.toString();
  else if (value instanceof Date) result = value.toISOString();
  else result = JSON.stringify(value);
  result = result.trim();
  return result === "" || nullStrings.includes(result) ? null : result;
}

export function requiredText(row: RawRow, column: string, nullStrings: readonly string[] = []): string {
  const value = text(row, column, nullStrings);
  if (value === null) throw new FieldError(column, "is empty");
  return value;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal string (never through float arithmetic); null when the field is empty. */
export function money(row: RawRow, column: string, nullStrings: readonly string[] = []): Decimal | null {
  const value = text(row, column, nullStrings);
  if (value === null) return null;
  if (!DECIMAL.test(value)) throw new FieldError(column, `"${value}" is not a number`);
  return new Decimal(value);
}

/** Costs are kept to 10 decimals (what a shared-cost split can divide), rounded half to even: a CUR
 *  Parquet double such as 0.30000000000000004 reads back as the 0.3 AWS billed, so a file's total
 *  stays exact; a value truly written with more decimals moves by at most 0.5e-10, without bias.
 *  sql-fields.ts `cost` rounds the same way. */
export const COST_DECIMALS = 10;

export function costScale(value: Decimal): Decimal {
  return value.decimalPlaces() <= COST_DECIMALS ? value : value.toDecimalPlaces(COST_DECIMALS, Decimal.ROUND_HALF_EVEN);
}

export function requiredMoney(row: RawRow, column: string, nullStrings: readonly string[] = []): Decimal {
  const value = money(row, column, nullStrings);
  if (value === null) throw new FieldError(column, "is empty");
  return value;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Timestamp text -> its UTC day, for values already checked: an export repeats a few hundred
 *  distinct timestamps over millions of rows, and parsing each (Date.parse, toISOString) was a
 *  seventh of the mapping time. Only valid values are kept; bounded. */
const checkedDays = new Map<string, string>();
const MAX_CHECKED_DAYS = 100_000;

/** The UTC day of a timestamp. Timestamps without an offset are UTC, as CUR and FOCUS write them. */
export function utcDay(row: RawRow, column: string, nullStrings: readonly string[] = []): string {
  const raw = row[column];
  const value = raw instanceof Date ? raw.toISOString() : requiredText(row, column, nullStrings);
  const known = checkedDays.get(value);
  if (known !== undefined) return known;
  const day = parseUtcDay(value, column);
  if (checkedDays.size >= MAX_CHECKED_DAYS) checkedDays.clear();
  checkedDays.set(value, day);
  return day;
}

function parseUtcDay(value: string, column: string): string {
  const local = LOCAL_TIME.exec(value);
  const day = DATE_ONLY.test(value) ? value : local ? local[1]! : isoDay(value);
  if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    throw new FieldError(column, `"${value}" is not a timestamp`);
  }
  return day;
}

function isoDay(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const written = value.slice(0, 10); // Date.parse would roll 02-30 over into March
  if (Number.isNaN(Date.parse(`${written}T00:00:00Z`)) || new Date(`${written}T00:00:00Z`).toISOString().slice(0, 10) !== written) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** Tag maps arrive as objects (Parquet MAP) or JSON text (CSV); values become strings. */
export function tagObject(row: RawRow, column: string, nullStrings: readonly string[] = []): Record<string, string> {
  const raw = row[column];
  let value: unknown = raw;
  if (typeof raw === "string") {
    const trimmed = raw.trim();
    if (trimmed === "" || nullStrings.includes(trimmed)) return {};
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new FieldError(column, "is not a JSON object");
    }
  }
  if (value === null || value === undefined) return {};
  if (value instanceof Map) value = Object.fromEntries(value);
  if (Array.isArray(value)) value = keyValueList(value, column);
  if (typeof value !== "object") throw new FieldError(column, "is not a JSON object");
  const tags: Record<string, string> = {};
  for (const [key, tagValue] of Object.entries(value as Record<string, unknown>)) {
    if (tagValue === null || tagValue === undefined) continue;
    tags[key] = typeof tagValue === "string" ? tagValue : JSON.stringify(tagValue);
  }
  return tags;
}

/** A list of {key, value} objects (a map or ARRAY<STRUCT<key, value>> written as JSON) as an object. */
function keyValueList(list: unknown[], column: string): Record<string, unknown> {
  const entries = list.map((entry) => {
    const pair = entry as { key?: unknown; value?: unknown } | null;
    if (typeof pair !== "object" || pair === null || typeof pair.key !== "string") throw new FieldError(column, "is not a JSON object or a list of {key, value}");
    return [pair.key, pair.value] as const;
  });
  return Object.fromEntries(entries);
}
