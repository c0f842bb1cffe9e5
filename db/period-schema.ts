// The days, months and quarters any input may name: from 2000 to the end of the fifth year from now.
// One schema for every route and import, so no request can walk the calendar to year 9999 (where
// db/calendar.ts throws) or store a day PostgreSQL cannot hold; outside the bounds is a 400 naming the field.
import { z } from "zod";

export const FIRST_PERIOD_DAY = "2000-01-01";
const YEARS_AHEAD = 5;

/** The last day an input may name: 31 December, five years from now. */
export function lastPeriodDay(now = new Date()): string {
  return `${now.getUTCFullYear() + YEARS_AHEAD}-12-31`;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const PERIOD = /^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/;
// The last day is always a 31 December, so a month or quarter is inside when its first day is.
const inBounds = (firstDay: string) => firstDay >= FIRST_PERIOD_DAY && firstDay <= lastPeriodDay();
const boundsMessage = () => `must be between ${FIRST_PERIOD_DAY} and ${lastPeriodDay()}`;

// z.iso.date() knows the days of each month (Date.parse rolls 2026-02-30 over to March).
export const daySchema = z.iso
  .date("expected a calendar day as YYYY-MM-DD")
  .refine((day) => inBounds(day), { error: () => `the day ${boundsMessage()}` });

export const monthSchema = z
  .string()
  .regex(MONTH, "expected a month as YYYY-MM")
  .refine((month) => inBounds(`${month}-01`), { error: () => `the month ${boundsMessage()}` });

/** A business review's period: a month (2026-10) or a quarter (2026-Q3). */
export const periodSchema = z
  .string()
  .regex(PERIOD, "expected a month (2026-10) or a quarter (2026-Q3)")
  .refine((period) => inBounds(`${period.slice(0, 4)}-01-01`), { error: () => `the period ${boundsMessage()}` });
