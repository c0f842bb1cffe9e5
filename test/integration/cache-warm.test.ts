// The read cache warmed after each change (api/cache-warmer.ts): after a sync (a job outside the
// app) every default view is a hit, counted by the cache, not timed; a change is never answered
// from an older version; concurrent requests for one view compute it once; without NOTIFY the
// poll still warms; a write through the app warms again after emptying the cache.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Hono } from "hono";
import { demoSource } from "../../jobs/sources/billing-source";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { importBudgetCsv } from "../../jobs/budgets/budget-changes";
import { createApi, createApp } from "../../api/app";
import { createReadCache, type ReadCache } from "../../api/read-cache";
import { startCacheWarmer, type CacheWarmer } from "../../api/cache-warmer";
import { defaultViews } from "../../api/default-views";
import { getReadModelVersion } from "../../db/read-model-version";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { warmedCurrentVersion } from "../support/warm-cache";

let database: TestDatabase;
let cache: ReadCache;
let warmer: CacheWarmer;
let app: ReturnType<typeof createApp>;
const retry = { retries: 0, baseDelayMs: 0 };
const OPTIONS = { chromiumPath: "/usr/bin/chromium" };

const read = async (path: string) => {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  return { cache: response.headers.get("x-cache"), body: await response.text() };
};

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-11-21" });
  cache = createReadCache(database.db);
  app = createApp(database, "demo", undefined, undefined, { ...OPTIONS, readCache: cache });
  warmer = await startCacheWarmer(database, cache, createApi(database, "demo", undefined, OPTIONS), { pollMs: 60_000 }); // NOTIFY only
}, 300_000);
afterAll(async () => {
  await warmer?.stop();
  await database?.drop();
});

describe("cache warming", () => {
  it("after a sync (outside the app) every default view is answered from the cache", async () => {
    const run = await syncCosts(database, demoSource("fixtures/demo"), { restatementDays: 5, historyMonths: 2, retry });
    expect(run.error).toBeUndefined();
    await warmedCurrentVersion(warmer, database.db);
    const views = await defaultViews(database.db);
    expect(views.length).toBeGreaterThan(16); // the pages' views and the team pages
    expect(views.some((v) => v.startsWith("/api/teams/") && v.includes("from="))).toBe(true);
    const before = cache.stats();
    for (const view of views) expect((await read(view)).cache, view).toBe("hit");
    const after = cache.stats();
    expect(after.hits - before.hits).toBe(views.length);
    expect(after.misses).toBe(before.misses);
    expect(warmer.lastRound()).toMatchObject({ views: views.length, failed: 0 });
  }, 300_000);

  it("never answers a change from an older version, even before the warmer has run", async () => {
    const review = "/api/budgets/months/2026-10";
    await importBudgetCsv(database.db, "budgets.csv", Buffer.from("month,team,budget_usd\n2026-10,billing,5000.00\n"), "test");
    await read(review);
    expect((await read(review)).cache).toBe("hit");
    const version = await getReadModelVersion(database.db);
    await importBudgetCsv(database.db, "budgets.csv", Buffer.from("month,team,budget_usd\n2026-10,billing,6100.00\n"), "test");
    expect(await getReadModelVersion(database.db)).not.toBe(version);
    const after = await read(review); // at once: the warmer may not have heard yet
    expect(after.cache).not.toBe("hit");
    expect(JSON.parse(after.body).budgets.find((b: { teamId: string }) => b.teamId === "billing").budgetUsd).toBe("6100.00");
    await warmedCurrentVersion(warmer, database.db);
    expect(cache.stats().entries).toBeGreaterThan(0);
  }, 120_000);

  it("concurrent requests for one view compute it once", async () => {
    // The one computation is held until the other five wait for it: how fast each request reads the
    // version first must not decide whether it waits (shared) or comes after (hit).
    const own = createReadCache(database.db);
    let computations = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = new Hono();
    held.use("/api/*", own.middleware);
    held.use("/api/*", async (_c, next) => {
      computations++;
      await gate;
      await next();
    });
    held.route("/api", createApi(database, "demo", undefined, OPTIONS));
    const path = "/api/ownership/summary?measure=unblended";
    const requests = Array.from({ length: 6 }, () => held.request(path));
    await vi.waitFor(() => expect(own.stats().waiting).toBe(5), { timeout: 30_000 });
    release();
    const answers = await Promise.all(requests);
    const bodies = await Promise.all(answers.map((a) => a.text()));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(new Set(bodies).size).toBe(1);
    expect(answers.map((a) => a.headers.get("x-cache")).sort()).toEqual(["miss", "shared", "shared", "shared", "shared", "shared"]);
    expect(computations).toBe(1);
    expect(own.stats()).toMatchObject({ misses: 1, shared: 5, hits: 0, waiting: 0, entries: 1 });
  });

  it("without NOTIFY (a lost listen connection) the poll warms the new version", async () => {
    const own = createReadCache(database.db);
    const deaf = { ...database, listen: async () => async () => {} };
    const polling = await startCacheWarmer(deaf, own, createApi(database, "demo", undefined, OPTIONS), { pollMs: 50 });
    try {
      await warmedCurrentVersion(polling, database.db);
      await importBudgetCsv(database.db, "budgets.csv", Buffer.from("month,team,budget_usd\n2026-10,billing,6200.00\n"), "test");
      const version = await warmedCurrentVersion(polling, database.db);
      expect(polling.lastRound()).toMatchObject({ version, failed: 0 });
    } finally {
      await polling.stop();
    }
  }, 120_000);

  it("a write through the app empties the cache, and the warmer fills it again", async () => {
    await warmedCurrentVersion(warmer, database.db);
    const overview = (await defaultViews(database.db))[0]!;
    expect((await read(overview)).cache).toBe("hit");
    const rule = { kind: "account", accountId: "318524906172", teamId: "billing", priority: 7, effectiveFrom: "2026-11-01" };
    const created = await app.request("/api/ownership/rules", { method: "POST", headers: { "content-type": "application/json", "x-actor": "test" }, body: JSON.stringify(rule) });
    expect(created.status, await created.clone().text()).toBe(201);
    await warmedCurrentVersion(warmer, database.db);
    expect((await read(overview)).cache).toBe("hit");
  }, 120_000);
});
