import { describe, expect, it } from "vitest";
import { costSyncWindow } from "../../jobs/sync/billing-window";

const policy = { restatementDays: 5, historyMonths: 13 };

describe("costSyncWindow", () => {
  it.each([
    // today, watermark, expected start, why
    ["2026-11-21", null, "2025-10-01", "first sync pulls 13 months back plus the open month"],
    ["2026-11-21", "2026-11-21", "2026-11-01", "a later sync re-pulls the open month"],
    ["2026-11-21", "2026-09-15", "2026-09-15", "a sync that fell behind resumes at its watermark"],
    ["2026-11-03", "2026-11-03", "2026-10-01", "early in a month the previous month is still restated"],
    ["2026-11-21", "2020-01-01", "2025-10-01", "never further back than Cost Explorer keeps"],
  ] as [string, string | null, string, string][])("today %s, synced through %s -> starts %s (%s)", (today, syncedThrough, start) => {
    expect(costSyncWindow({ ...policy, today, syncedThrough })).toEqual({ start, end: today });
  });
});
