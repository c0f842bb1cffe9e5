// Dedupe and snooze over simulated weeks: the generator runs daily with an advancing "today" against
// an in-memory store that applies its plans the way nudge-store.ts does.
import { describe, expect, it } from "vitest";
import { addDays } from "../../db/calendar";
import type { NudgeStatus } from "../../db/schema/nudges";
import { fingerprintOf, type Finding } from "../../jobs/nudges/finding";
import { planNudges, snoozeUntil } from "../../jobs/nudges/lifecycle";
import { transition } from "../../jobs/nudges/nudge-actions";

interface Stored { id: number; fingerprint: string; status: NudgeStatus; snoozedUntil: string | null; openings: number }

function store() {
  const rows: Stored[] = [];
  /** Every (id, opening) that was open after a run: what delivery would send. */
  const notified = new Set<string>();
  return {
    rows,
    notified,
    run(today: string, findings: Finding[]) {
      const active = rows.filter((r) => r.status !== "resolved") as Array<Stored & { status: Exclude<NudgeStatus, "resolved"> }>;
      const plan = planNudges(active, findings, today);
      for (const f of plan.create) rows.push({ id: rows.length + 1, fingerprint: fingerprintOf(f), status: "open", snoozedUntil: null, openings: 1 });
      for (const r of plan.refresh) if (r.reopen) Object.assign(rows.find((x) => x.id === r.id)!, { status: "open", snoozedUntil: null, openings: rows.find((x) => x.id === r.id)!.openings + 1 });
      for (const id of plan.resolve) rows.find((x) => x.id === id)!.status = "resolved";
      for (const r of rows) if (r.status === "open") notified.add(`${r.id}:${r.openings}`);
    },
    act(id: number, action: Parameters<typeof transition>[1], today: string) {
      const row = rows.find((x) => x.id === id)!;
      Object.assign(row, transition(row.status, action, today));
    },
  };
}

const finding = (subject = "Amazon Athena"): Finding => ({ rule: "anomaly", teamId: "analytics", subject, title: "t", evidence: {}, monthlyAtStake: "100", action: "a" });
const START = "2026-08-03";

describe("nudge lifecycle over simulated weeks", () => {
  it("a persisting finding is one nudge, notified once, for six weeks of daily runs", () => {
    const s = store();
    for (let d = 0; d < 42; d++) s.run(addDays(START, d), [finding()]);
    expect(s.rows).toHaveLength(1);
    expect(s.notified.size).toBe(1);
  });

  it("acknowledged and dismissed nudges stay quiet while the finding persists, and resolve when it goes", () => {
    const s = store();
    s.run(START, [finding("a"), finding("b")]);
    s.act(1, { action: "acknowledge" }, START);
    s.act(2, { action: "dismiss", reason: "seasonal" }, START);
    for (let d = 1; d < 21; d++) s.run(addDays(START, d), [finding("a"), finding("b")]);
    expect(s.rows.map((r) => r.status)).toEqual(["acknowledged", "dismissed"]);
    expect(s.notified.size).toBe(2);
    s.run(addDays(START, 21), []);
    expect(s.rows.map((r) => r.status)).toEqual(["resolved", "resolved"]);
  });

  it("a snoozed nudge stays quiet until its date, then reopens (and is notified again) if the finding persists", () => {
    const s = store();
    s.run(START, [finding()]);
    s.act(1, { action: "snooze", period: "week" }, START);
    expect(s.rows[0]).toMatchObject({ status: "snoozed", snoozedUntil: addDays(START, 7) });
    for (let d = 1; d < 7; d++) s.run(addDays(START, d), [finding()]);
    expect(s.rows[0]!.status).toBe("snoozed");
    expect(s.notified.size).toBe(1);
    s.run(addDays(START, 7), [finding()]);
    expect(s.rows[0]).toMatchObject({ status: "open", openings: 2, snoozedUntil: null });
    expect([...s.notified]).toEqual(["1:1", "1:2"]);
    for (let d = 8; d < 28; d++) s.run(addDays(START, d), [finding()]);
    expect(s.rows).toHaveLength(1);
    expect(s.notified.size).toBe(2);
  });

  it("a snoozed nudge whose finding goes away resolves instead of reopening; a recurrence is a new nudge", () => {
    const s = store();
    s.run(START, [finding()]);
    s.act(1, { action: "snooze", until: addDays(START, 30) }, START);
    s.run(addDays(START, 3), []);
    expect(s.rows[0]!.status).toBe("resolved");
    s.run(addDays(START, 40), [finding()]);
    expect(s.rows.map((r) => r.status)).toEqual(["resolved", "open"]);
  });

  it("the same fingerprint raised twice in one run is one nudge", () => {
    const s = store();
    s.run(START, [finding(), finding()]);
    expect(s.rows).toHaveLength(1);
  });
});

describe("actions", () => {
  it.each([
    ["week", "2026-11-21", "2026-11-28"],
    ["month", "2026-01-31", "2026-02-28"],
    ["quarter", "2026-11-21", "2027-02-21"],
  ] as const)("snooze for a %s from %s ends %s", (period, today, until) => {
    expect(snoozeUntil(today, period)).toBe(until);
  });
  it("refuses actions on a resolved nudge and snoozes that end in the past", () => {
    expect(() => transition("resolved", { action: "acknowledge" }, START)).toThrow(/resolved/);
    expect(() => transition("open", { action: "snooze", until: START }, START)).toThrow(/not after today/);
  });
});
