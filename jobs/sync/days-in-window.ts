// The rows of a table (alias given, or none) whose day falls in a window, as a SQL condition.
import { sql, type SQL } from "drizzle-orm";
import type { DayWindow } from "./billing-window";

export function daysInWindow(window: DayWindow, alias?: string): SQL {
  const day = sql.raw(alias ? `${alias}.day` : "day");
  return sql`${day} >= ${window.start}::date and ${day} < ${window.end}::date`;
}
