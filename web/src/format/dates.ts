// Calendar days are YYYY-MM-DD strings in UTC, as the API sends them.
const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const shortDayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
const monthShortFormat = new Intl.DateTimeFormat("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });
const timeFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** Nov 20, 2026 */
export const formatDay = (day: string) => dayFormat.format(utc(day));
/** Nov 20 */
export const formatShortDay = (day: string) => shortDayFormat.format(utc(day));
/** Nov 2026 */
export const formatMonth = (month: string) => monthFormat.format(utc(`${month}-01`));
/** Nov 26: for month axes, where every month is labelled. */
export const formatMonthShort = (month: string) => monthShortFormat.format(utc(`${month}-01`));
export const formatTimestamp = (iso: string) => timeFormat.format(new Date(iso));
/** Postgres' text form of a timestamptz ("2026-11-23 14:55:23.611+00") as ISO 8601, which Date parses. */
export const isoFromPostgres = (timestamp: string) => timestamp.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");

export function addDays(day: string, days: number): string {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}
