// Nudge generation on the demo company through the real database: the Athena runaway week is found
// and explained, the lifecycle holds over simulated weeks of daily runs, and the API acts on nudges.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { addDays } from "../../db/calendar";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { demoSource } from "../../jobs/sources/billing-source";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { syncResources } from "../../jobs/sync/sync-resources";
import { generateNudges } from "../../jobs/nudges/generate-nudges";
import { runNudgeJob } from "../../jobs/nudges/nudge-job";
import { transition } from "../../jobs/nudges/nudge-actions";
import { saveNudgeChange } from "../../db/queries/nudge-inbox";
import { nudges } from "../../db/schema/nudges";
import { jobRuns } from "../../db/schema";
import { createApp } from "../../api/app";

let database: TestDatabase;
const source = demoSource("fixtures/demo");
const ATHENA = "anomaly|analytics|Amazon Athena";
const athenaRows = () => database.db.select().from(nudges).where(eq(nudges.fingerprint, ATHENA)).orderBy(nudges.id);

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-11-21" });
  const retry = { retries: 0, baseDelayMs: 0 };
  await syncCosts(database, source, { restatementDays: 5, historyMonths: 13, retry });
  await syncResources(database, source, retry);
}, 300_000);
afterAll(async () => database?.drop());

describe("nudges on the demo company", () => {
  it("flags the Athena runaway week 2026-08-10..16 for analytics, naming Amazon Athena and lumen-data", async () => {
    const result = await generateNudges(database.db, "2026-08-16");
    expect(result.byRule.anomaly).toBeGreaterThanOrEqual(1);
    const [athena] = await athenaRows();
    expect(athena).toMatchObject({ rule: "anomaly", teamId: "analytics", subject: "Amazon Athena", status: "open" });
    const evidence = athena!.evidence as { days: Array<{ day: string; ratio: string | null }>; causes: { accounts: Array<{ key: string }> } };
    expect(evidence.days.map((d) => d.day)).toEqual(["2026-08-10", "2026-08-11", "2026-08-12", "2026-08-13", "2026-08-14", "2026-08-15", "2026-08-16"]);
    expect(evidence.causes.accounts[0]!.key).toBe("773406129945");
    expect(athena!.action).toContain("lumen-data");
    expect(Number(athena!.monthlyAtStake)).toBeGreaterThan(5000);
    const teams = await database.db.selectDistinct({ teamId: nudges.teamId }).from(nudges);
    expect(teams.map((t) => t.teamId)).not.toContain("unattributed");
  });

  it("over simulated weeks: one Athena nudge while open, a snooze that reopens on its date, resolved when the week has passed", async () => {
    await database.db.execute(sql`truncate nudges`);
    const statusOn: Record<string, string> = {};
    for (let day = "2026-08-03"; day <= "2026-08-31"; day = addDays(day, 1)) {
      await generateNudges(database.db, day);
      const rows = await athenaRows();
      if (day === "2026-08-11") {
        const change = transition(rows[0]!.status, { action: "snooze", until: "2026-08-14" }, day);
        await saveNudgeChange(database.db, rows[0]!.id, change, "test");
      }
      statusOn[day] = rows.map((r) => `${r.status}/${r.openings}`).join(",");
    }
    expect(statusOn["2026-08-09"]).toBe("");
    expect(statusOn["2026-08-10"]).toBe("open/1");
    expect(statusOn["2026-08-12"]).toBe("snoozed/1");
    expect(statusOn["2026-08-13"]).toBe("snoozed/1");
    expect(statusOn["2026-08-14"]).toBe("open/2");
    expect(statusOn["2026-08-22"]).toBe("open/2"); // still in the 7-day window
    expect(statusOn["2026-08-23"]).toBe("resolved/2");
    expect(statusOn["2026-08-31"]).toBe("resolved/2");
  }, 120_000);

  it("the inbox API lists a team's nudges and records acknowledge, snooze and dismiss with the actor", async () => {
    await database.db.execute(sql`truncate nudges`);
    await generateNudges(database.db, "2026-08-16");
    const app = createApp(database, "demo");
    const inbox = await (await app.request("/api/nudges?teamId=analytics")).json();
    expect(inbox.nudges.map((n: { subject: string }) => n.subject)).toContain("Amazon Athena");
    const id = inbox.nudges.find((n: { subject: string }) => n.subject === "Amazon Athena").id;
    const act = (body: unknown) => app.request(`/api/nudges/${id}/actions`, { method: "POST", headers: { "content-type": "application/json", "x-actor": "ana@lumen" }, body: JSON.stringify(body) });
    expect((await (await act({ action: "acknowledge" })).json()).nudge).toMatchObject({ status: "acknowledged", actor: "ana@lumen" });
    expect((await (await act({ action: "snooze", period: "month" })).json()).nudge).toMatchObject({ status: "snoozed" });
    const bad = await act({ action: "dismiss", reason: "bored" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("reason");
    expect((await (await act({ action: "dismiss", reason: "migration", note: "moving to Trino" })).json()).nudge).toMatchObject({ status: "dismissed", dismissReason: "migration", note: "moving to Trino" });
    const dismissed = await (await app.request("/api/nudges?teamId=analytics&view=dismissed")).json();
    expect(dismissed.nudges).toHaveLength(1);
  });

  it("the scheduled job generates and delivers under its own lock and records its run", async () => {
    const run = await runNudgeJob(database, "demo");
    expect(run?.status).toBe("succeeded");
    const [row] = await database.db.select().from(jobRuns).where(and(eq(jobRuns.job, "nudges"), eq(jobRuns.id, run!.runId)));
    expect(row!.details).toMatchObject({ generated: { today: "2026-11-20" } });
  });
});
