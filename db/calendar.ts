// Calendar arithmetic on YYYY-MM-DD strings (UTC), for sync windows and filled time series.
// Every result is checked: past year 9999 an ISO string grows a sign and six digits ("+010000-01-01"),
// which sorts before "9999-..." (a day loop comparing strings never ended), so it throws instead.

/** The longest series the helpers build (about 110 years): a guard against a runaway range. */
export const MAX_SERIES_DAYS = 40_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function toDay(date: Date, what: string): string {
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 1 || year > 9999) throw new RangeError(`calendar: ${what} is outside the years 0001 to 9999`);
  return date.toISOString().slice(0, 10);
}

function parseDay(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  if (!DAY.test(day) || Number.isNaN(date.getTime())) throw new RangeError(`calendar: "${day}" is not a day as YYYY-MM-DD`);
  return date;
}

export function addDays(day: string, days: number): string {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date, `${day} + ${days} days`);
}

export function firstOfMonth(day: string, monthsBack = 0): string {
  const date = parseDay(`${day.slice(0, 7)}-01`);
  date.setUTCMonth(date.getUTCMonth() - monthsBack);
  return toDay(date, `${day} - ${monthsBack} months`);
}

/** Every day from start to endInclusive; counted first, so the loop ends even at the edge of the calendar. */
export function daysBetween(start: string, endInclusive: string): string[] {
  const count = (parseDay(endInclusive).getTime() - parseDay(start).getTime()) / 86_400_000 + 1;
  if (count > MAX_SERIES_DAYS) throw new RangeError(`calendar: ${start} to ${endInclusive} is longer than ${MAX_SERIES_DAYS} days`);
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(start, i));
}

export function monthsBetween(startMonth: string, endMonth: string): string[] {
  const index = (month: string) => parseDay(`${month}-01`).getUTCFullYear() * 12 + Number(month.slice(5, 7)) - 1;
  const count = index(endMonth) - index(startMonth) + 1;
  if (count * 31 > MAX_SERIES_DAYS) throw new RangeError(`calendar: ${startMonth} to ${endMonth} is longer than ${MAX_SERIES_DAYS} days`);
  return Array.from({ length: Math.max(0, count) }, (_, i) => firstOfMonth(`${startMonth}-01`, -i).slice(0, 7));
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function lastDayOfMonth(month: string): string {
  return addDays(firstOfMonth(addDays(`${month}-01`, 32)), -1);
}

export function previousMonth(month: string): string {
  return firstOfMonth(`${month}-01`, 1).slice(0, 7);
}
