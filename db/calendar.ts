// Calendar arithmetic on YYYY-MM-DD strings (UTC), for sync windows and filled time series.
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function firstOfMonth(day: string, monthsBack = 0): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - monthsBack);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(start: string, endInclusive: string): string[] {
  const days: string[] = [];
  for (let day = start; day <= endInclusive; day = addDays(day, 1)) days.push(day);
  return days;
}

export function monthsBetween(startMonth: string, endMonth: string): string[] {
  const months: string[] = [];
  for (let month = startMonth; month <= endMonth; month = firstOfMonth(addDays(`${month}-01`, 32)).slice(0, 7)) months.push(month);
  return months;
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
