// The scope and period a business review covers, parsed from "team:<id>" / "company" and
// "2026-10" / "2026-Q3". Pure: the CLI, the API and the page share these parsers.
import { addDays, lastDayOfMonth, monthsBetween } from "../calendar";
import { periodSchema } from "../period-schema";

export type ScopeKind = "team" | "group" | "org" | "company";
export interface ReviewScope {
  kind: ScopeKind;
  /** Null for the company. */
  id: string | null;
}

export interface ReviewPeriod {
  /** "2026-10" or "2026-Q3". */
  label: string;
  kind: "month" | "quarter";
  months: string[];
  from: string;
  /** The period's last calendar day (reads clip it to the last complete billing day). */
  to: string;
}

export class ReviewInputError extends Error {
  /** notFound: well-formed, but no such team, group or org. */
  constructor(readonly field: "scope" | "period", message: string, readonly notFound = false) {
    super(`${field}: ${message}`);
  }
}

const SCOPE = /^(team|group|org):([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export function parseScope(text: string): ReviewScope {
  if (text === "company") return { kind: "company", id: null };
  const match = SCOPE.exec(text);
  if (!match) throw new ReviewInputError("scope", `"${text}" is not team:<id>, group:<id>, org:<id> or company`);
  return { kind: match[1] as ScopeKind, id: match[2]! };
}

export function formatScope(scope: ReviewScope): string {
  return scope.kind === "company" ? "company" : `${scope.kind}:${scope.id}`;
}

/** A period someone asked for: inside the bounds of db/period-schema.ts. */
export function parsePeriod(text: string): ReviewPeriod {
  const checked = periodSchema.safeParse(text);
  if (!checked.success) throw new ReviewInputError("period", `"${text}": ${checked.error.issues[0]!.message}`);
  return periodOf(text);
}

function periodOf(text: string): ReviewPeriod {
  const month = MONTH.exec(text);
  if (month) return periodOfMonths(text, "month", [text]);
  const quarter = QUARTER.exec(text);
  if (!quarter) throw new ReviewInputError("period", `"${text}" is not a month (2026-10) or a quarter (2026-Q3)`);
  const first = (Number(quarter[2]) - 1) * 3 + 1;
  const start = `${quarter[1]}-${String(first).padStart(2, "0")}`;
  const end = `${quarter[1]}-${String(first + 2).padStart(2, "0")}`;
  return periodOfMonths(text, "quarter", monthsBetween(start, end));
}

function periodOfMonths(label: string, kind: ReviewPeriod["kind"], months: string[]): ReviewPeriod {
  return { label, kind, months, from: `${months[0]}-01`, to: lastDayOfMonth(months.at(-1)!) };
}

/** The period of the same kind just before. */
export function previousPeriod(period: ReviewPeriod): ReviewPeriod {
  const before = addDays(period.from, -1).slice(0, 7);
  return periodOf(period.kind === "month" ? before : quarterOf(before));
}

export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** `count` periods ending with `period`, oldest first. */
export function trailingPeriods(period: ReviewPeriod, count: number): ReviewPeriod[] {
  const periods = [period];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0]!));
  return periods;
}

/** The period's days through the last complete billing day; null when none of it is billed yet. */
export function billedSpan(period: ReviewPeriod, lastCompleteDay: string | null): { from: string; to: string; complete: boolean } | null {
  if (lastCompleteDay === null || lastCompleteDay < period.from) return null;
  const complete = lastCompleteDay >= period.to;
  return { from: period.from, to: complete ? period.to : lastCompleteDay, complete };
}
