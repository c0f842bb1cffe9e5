// Soak: the scheduled cycle (cost sync, resource sync, nudges) over simulated days against the
// fake AWS endpoint, with dashboard reads between cycles (new days are new read-cache keys). Live
// memory (after a full GC) must stay flat: bounded growth after a warm-up, whatever the day count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app";
import { addDays } from "../../db/calendar";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { syncResources } from "../../jobs/sync/sync-resources";
import { runNudgeJob } from "../../jobs/nudges/nudge-job";
import { sampleResources, sampleRows } from "../fake-aws/sample-data";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { FakeBilling, ownership } from "../support/sync-harness";
import { figureRecorder } from "./figures";

const DAYS = Number(process.env.RELIABILITY_SOAK_DAYS ?? 45);
const WARM_UP = 10;
const FIRST_TODAY = "2026-09-01";
const figures = figureRecorder("soak");
const retry = { retries: 2, baseDelayMs: 1 };

let database: TestDatabase;
let billing: FakeBilling;

function liveHeapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc (npm run test:reliability does)");
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, ownership, { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: FIRST_TODAY });
  billing = await FakeBilling.start(sampleRows({ start: "2026-07-01", days: 62 + DAYS }), sampleResources(300));
}, 120_000);
afterAll(async () => {
  figures.save();
  await billing?.fake.close();
  await database?.drop();
});

describe(`soak: ${DAYS} simulated days of scheduled cycles`, () => {
  it("keeps live memory flat and every cycle succeeds", async () => {
    const app = createApp(database, "soak");
    const heap: number[] = [];
    let failures = 0;
    for (let day = 0; day < DAYS; day++) {
      const today = addDays(FIRST_TODAY, day);
      billing.fake.requests.length = 0; // the fake's own log is test scaffolding, not the app's memory
      const source = billing.source(today);
      const costs = await syncCosts(database, source, { restatementDays: 5, historyMonths: 3, retry });
      const resources = await syncResources(database, source, retry);
      const nudges = await runNudgeJob(database, source.name, { today: addDays(today, -1) });
      failures += [costs, resources, nudges].filter((run) => run && run.status !== "succeeded").length;
      for (const path of [`/api/overview?months=3`, `/api/teams?from=${addDays(today, -30)}&to=${addDays(today, -1)}`, `/api/ownership/summary?from=${addDays(today, -30)}&to=${addDays(today, -1)}`]) {
        const response = await app.request(path);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
      if (day >= WARM_UP - 1) heap.push(liveHeapMb());
    }
    const growth = heap.at(-1)! - heap[0]!;
    const peak = Math.max(...heap);
    figures.add({
      scenario: `${DAYS} simulated days: cost sync, resource sync, nudges, dashboard reads each day`,
      injected: `${DAYS * 3} job runs, ${DAYS * 3} API reads`,
      outcome: `${failures} failed runs; live heap after day ${WARM_UP}: ${heap[0]!.toFixed(1)} MB, at the end ${heap.at(-1)!.toFixed(1)} MB (growth ${growth.toFixed(1)} MB, peak ${peak.toFixed(1)} MB)`,
      passed: failures === 0 && growth < 15,
    });
    expect(failures).toBe(0);
    expect(growth).toBeLessThan(15);
  }, 900_000);
});
