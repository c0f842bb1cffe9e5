// Which days a cost sync asks for. Cost Explorer restates recent days and the open month,
// so every sync re-pulls a trailing window and replaces it whole.
import { firstOfMonth, addDays } from "../../db/calendar";
export interface DayWindow {
  start: string; // YYYY-MM-DD, inclusive
  end: string; // YYYY-MM-DD, exclusive
}

export interface WindowPolicy {
  today: string; // the day the sync runs; data ends the day before (today is never complete)
  syncedThrough: string | null; // watermark: exclusive end of the last committed sync
  restatementDays: number;
  historyMonths: number; // how far back a first sync reaches (Cost Explorer keeps 13 + the open month)
}

/**
 * First sync: the whole history. Later syncs: from the earliest of the watermark, the start of the
 * open month and `restatementDays` back, so late and restated days are replaced, never added twice.
 * Early in a month the previous month is still being finalised, so it is re-pulled too.
 */
export function costSyncWindow(policy: WindowPolicy): DayWindow {
  const end = policy.today;
  const earliest = firstOfMonth(policy.today, policy.historyMonths);
  if (!policy.syncedThrough) return { start: earliest, end };
  const openMonth = firstOfMonth(policy.today);
  const restated = addDays(policy.today, -policy.restatementDays);
  const candidates = [policy.syncedThrough, openMonth, restated];
  if (restated < openMonth) candidates.push(firstOfMonth(policy.today, 1));
  const start = candidates.reduce((a, b) => (a < b ? a : b));
  return { start: start < earliest ? earliest : start, end };
}
