// The API's response cache (api/read-cache.ts): a repeated dashboard read is answered from memory,
// and a sync (a job outside the app), a rule change through the API and a budget edit each make
// the next read recompute and show the change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSource } from "../../jobs/sources/billing-source";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { importBudgetCsv } from "../../jobs/budgets/budget-changes";
import { createApp } from "../../api/app";
import { cacheKey } from "../../api/read-cache";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { addUser, call, localAuth, signIn } from "../support/access-harness";

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const retry = { retries: 0, baseDelayMs: 0 };

async function read(path: string): Promise<{ cache: string | null; body: any }> {
  const response = await app.request(path, { headers: { "x-actor": "test" } });
  expect(response.status, path).toBe(200);
  return { cache: response.headers.get("x-cache"), body: await response.json() };
}
const send = (method: string, path: string, body: unknown) =>
  app.request(path, { method, headers: { "content-type": "application/json", "x-actor": "test" }, body: JSON.stringify(body) });

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-11-21" });
  await importBudgetCsv(database.db, "budgets.csv", Buffer.from("month,team,budget_usd\n2026-10,billing,5000.00\n"), "test");
  app = createApp(database, "demo");
}, 300_000);
afterAll(async () => database?.drop());

describe("read cache", () => {
  it("keys on the path and the query in any order", () => {
    const a = cacheKey("/api/teams", new URLSearchParams("measure=unblended&b=2"), "7", "2026-11-23");
    expect(cacheKey("/api/teams", new URLSearchParams("b=2&measure=unblended"), "7", "2026-11-23")).toBe(a);
    expect(cacheKey("/api/teams", new URLSearchParams("b=2&measure=unblended"), "8", "2026-11-23")).not.toBe(a);
  });

  it("answers a repeated read from memory, and a sync (outside the app) makes it recompute", async () => {
    const first = await read("/api/overview?months=14");
    expect(first.cache).toBe("miss");
    const again = await read("/api/overview?months=14");
    expect(again.cache).toBe("hit");
    expect(again.body).toEqual(first.body);
    const run = await syncCosts(database, demoSource("fixtures/demo"), { restatementDays: 5, historyMonths: 2, retry });
    expect(run.error).toBeUndefined();
    const after = await read("/api/overview?months=14");
    expect(after.cache).toBe("miss");
    expect(JSON.stringify(after.body)).not.toBe(JSON.stringify(first.body)); // the first read saw no costs yet
  }, 300_000);

  it("a rule change through the API shows in the next read", async () => {
    const before = await read("/api/ownership/rules");
    expect((await read("/api/ownership/rules")).cache).toBe("hit");
    const rule = { kind: "account", accountId: "318524906172", teamId: "billing", priority: 7, effectiveFrom: "2026-11-01" };
    const created = await send("POST", "/api/ownership/rules", rule);
    expect(created.status, await created.clone().text()).toBe(201);
    const after = await read("/api/ownership/rules");
    expect(after.cache).toBe("miss");
    expect(after.body.rules.length).toBe(before.body.rules.length + 1);
    expect(JSON.stringify(after.body.rules)).toContain("318524906172");
  }, 300_000);

  it("a budget edit shows in the next read", async () => {
    const before = await read("/api/budgets/months/2026-10");
    expect(before.body.budgets.find((b: any) => b.teamId === "billing").budgetUsd).toBe("5000.00");
    expect((await read("/api/budgets/months/2026-10")).cache).toBe("hit");
    const put = await send("PUT", "/api/budgets/months/2026-10/teams/billing", { budgetUsd: "6100.00" });
    expect(put.status).toBe(200);
    const after = await read("/api/budgets/months/2026-10");
    expect(after.cache).toBe("miss");
    expect(after.body.budgets.find((b: any) => b.teamId === "billing").budgetUsd).toBe("6100.00");
  });

  it("does not keep errors", async () => {
    const missing = await app.request("/api/teams/nobody");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-cache")).toBeNull();
    expect((await app.request("/api/teams/nobody")).headers.get("x-cache")).toBeNull();
  });

  it("a refused or failed change (anonymous sign-ins, a 400) keeps the cache", async () => {
    await read("/api/org");
    for (let i = 0; i < 3; i++) expect((await send("POST", "/api/auth/login", { email: "x@lumen.test", password: "guess" })).status).toBe(400); // open mode: no passwords
    expect((await send("POST", "/api/ownership/rules", { kind: "account" })).status).toBe(400);
    expect((await read("/api/org")).cache).toBe("hit");

    await addUser(database, "vic@lumen.test", "viewer");
    const local = createApp(database, "demo", undefined, localAuth());
    const viewer = await signIn(local, "vic@lumen.test");
    const readLocal = async () => (await call(local, viewer, "GET", "/api/org")).headers.get("x-cache");
    await readLocal();
    expect(await readLocal()).toBe("hit");
    expect((await call(local, null, "POST", "/api/auth/login", { email: "vic@lumen.test", password: "wrong password" })).status).toBe(401);
    expect((await call(local, null, "POST", "/api/auth/logout")).status).toBe(200);
    expect(await readLocal()).toBe("hit");
  });
});
