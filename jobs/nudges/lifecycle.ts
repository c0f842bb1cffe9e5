// The nudge lifecycle as a pure plan: given the unresolved nudges and today's findings, what to
// create, refresh, reopen and resolve. The same fingerprint never gets a second unresolved nudge:
// open / acknowledged / dismissed ones are refreshed in place, a snoozed one stays quiet until its
// date and then reopens if the finding persists, and any of them resolves when the finding is gone.
import { addDays, firstOfMonth } from "../../db/calendar";
import type { NudgeStatus } from "../../db/schema/nudges";
import { fingerprintOf, type Finding } from "./finding";

export interface ActiveNudge {
  id: number;
  fingerprint: string;
  status: Exclude<NudgeStatus, "resolved">;
  snoozedUntil: string | null;
}

export interface NudgePlan {
  create: Finding[];
  /** Still found: new evidence and last-seen day; `reopen` = a snooze ran out, so it opens (and is delivered) again. */
  refresh: Array<{ id: number; finding: Finding; reopen: boolean }>;
  resolve: number[];
}

export function planNudges(active: ActiveNudge[], findings: Finding[], today: string): NudgePlan {
  const byFingerprint = new Map(active.map((nudge) => [nudge.fingerprint, nudge]));
  const seen = new Set<string>();
  const plan: NudgePlan = { create: [], refresh: [], resolve: [] };
  for (const finding of findings) {
    const fingerprint = fingerprintOf(finding);
    if (seen.has(fingerprint)) continue; // a rule raising the same subject twice is one finding
    seen.add(fingerprint);
    const existing = byFingerprint.get(fingerprint);
    if (!existing) plan.create.push(finding);
    else {
      const reopen = existing.status === "snoozed" && existing.snoozedUntil !== null && existing.snoozedUntil <= today;
      plan.refresh.push({ id: existing.id, finding, reopen });
    }
  }
  for (const nudge of active) if (!seen.has(nudge.fingerprint)) plan.resolve.push(nudge.id);
  return plan;
}

export const SNOOZE_PERIODS = ["week", "month", "quarter"] as const;
export type SnoozePeriod = (typeof SNOOZE_PERIODS)[number];

/** The day a snooze of `period` from `today` ends (the nudge may reopen on that day). */
export function snoozeUntil(today: string, period: SnoozePeriod): string {
  if (period === "week") return addDays(today, 7);
  const months = period === "month" ? 1 : 3;
  const target = firstOfMonth(today, -months);
  const lastDay = addDays(firstOfMonth(addDays(target, 32)), -1);
  const day = Math.min(Number(today.slice(8, 10)), Number(lastDay.slice(8, 10)));
  return `${target.slice(0, 8)}${String(day).padStart(2, "0")}`;
}
