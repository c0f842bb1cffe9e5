// Sign-in, sessions, roles, team scope, CSRF and API tokens through the real app on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { createApp } from "../../api/app";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { nudges } from "../../db/schema";
import { queryRows } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { saveUser } from "../../jobs/access/save-user";
import { hashPassword } from "../../jobs/access/secrets";
import { addUser, call, localAuth, signIn, type Session, type TestApp } from "../support/access-harness";

let database: TestDatabase;
let app: TestApp;
let admin: Session, viewer: Session, editor: Session;
let checkoutNudge: number, billingNudge: number;

const nudgeRow = (teamId: string) => ({ fingerprint: `test:${teamId}`, rule: "anomaly", teamId, subject: "s", title: "t", monthlyAtStake: "10", action: "a", firstSeenDay: "2026-11-01", lastSeenDay: "2026-11-01" });

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-11-21" });
  [{ id: checkoutNudge }, { id: billingNudge }] = await database.db.insert(nudges).values([nudgeRow("checkout"), nudgeRow("billing")]).returning({ id: nudges.id }) as [{ id: number }, { id: number }];
  await addUser(database, "ana@lumen.test", "admin");
  await addUser(database, "vic@lumen.test", "viewer");
  await addUser(database, "eli@lumen.test", "editor", "checkout");
  app = createApp(database, "demo", undefined, localAuth({ signInMaxAttempts: 3 }));
  admin = await signIn(app, "ana@lumen.test");
  viewer = await signIn(app, "VIC@lumen.test"); // emails are case-insensitive
  editor = await signIn(app, "eli@lumen.test");
}, 120_000);
afterAll(async () => database?.drop());

describe("sign-in and sessions (AUTH_MODE=local)", () => {
  it("answers 401 to reads without a session; health and /api/me stay public", async () => {
    expect((await call(app, null, "GET", "/api/overview")).status).toBe(401);
    expect((await call(app, null, "GET", "/api/health")).status).toBe(200);
    expect((await call(app, null, "GET", "/api/me")).body).toMatchObject({ mode: "local", identity: null });
    expect((await call(app, viewer, "GET", "/api/me")).body).toMatchObject({ identity: { actor: "vic@lumen.test", role: "viewer" }, csrfToken: viewer.csrfToken });
  });

  it("keeps only the sha-256 of a session token, in an HttpOnly SameSite=Strict cookie with an expiry", async () => {
    const response = await app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "ana@lumen.test", password: "correct horse battery staple" }) });
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Expires=/);
    const token = /tb_session=([^;]+)/.exec(setCookie)![1]!;
    const stored = await queryRows<{ token_hash: string }>(database.db, sql`select token_hash from sessions`);
    expect(stored.map((s) => s.token_hash)).toContain(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);
    const hashes = await queryRows<{ password_hash: string }>(database.db, sql`select password_hash from users`);
    expect(hashes.every((h) => h.password_hash.startsWith("$argon2id$"))).toBe(true);
  });

  it("refuses a wrong password, then rate-limits that email with 429 and Retry-After", async () => {
    await addUser(database, "mallory@lumen.test", "viewer");
    for (let i = 0; i < 3; i++) expect((await call(app, null, "POST", "/api/auth/login", { email: "mallory@lumen.test", password: "guess" + i })).status).toBe(401);
    const limited = await call(app, null, "POST", "/api/auth/login", { email: "mallory@lumen.test", password: "correct horse battery staple" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("a session expires, and signing out ends it", async () => {
    const shortApp = createApp(database, "demo", undefined, localAuth({ sessionTtlMs: 300 }));
    const short = await signIn(shortApp, "vic@lumen.test");
    expect((await call(shortApp, short, "GET", "/api/teams")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect((await call(shortApp, short, "GET", "/api/teams")).status).toBe(401);
    const session = await signIn(app, "vic@lumen.test");
    expect((await call(app, session, "POST", "/api/auth/logout")).status).toBe(200);
    expect((await call(app, session, "GET", "/api/teams")).status).toBe(401);
  });
});

describe("password reset (npm run cli -- users add for an existing user)", () => {
  it("signs out every old session of the user; the new password signs in", async () => {
    await addUser(database, "pat@lumen.test", "viewer");
    const old = await signIn(app, "pat@lumen.test");
    expect((await call(app, old, "GET", "/api/teams")).status).toBe(200);
    await saveUser(database.db, { email: "pat@lumen.test", role: "viewer", teamId: null, passwordHash: await hashPassword("a brand new passphrase") }, "cli:test");
    expect((await call(app, old, "GET", "/api/teams")).status).toBe(401);
    const fresh = await signIn(app, "pat@lumen.test", "a brand new passphrase");
    expect((await call(app, fresh, "GET", "/api/teams")).status).toBe(200);
    await saveUser(database.db, { email: "pat@lumen.test", role: "editor", teamId: "checkout", passwordHash: null }, "cli:test"); // a role change only
    expect((await call(app, fresh, "GET", "/api/me")).body.identity).toMatchObject({ role: "editor" });
  });
});

describe("roles and team scope, checked on the server", () => {
  const budget = (team: string) => `/api/budgets/months/2026-11/teams/${team}`;

  it("every mutation route refuses a viewer (403) and an anonymous caller (401)", async () => {
    // A POST that only computes (an estimate's preview) is a read: any signed-in person may ask.
    const readsByPost = ["/api/estimates/preview"];
    for (const path of readsByPost) expect((await call(app, viewer, "POST", path, {})).status, `POST ${path} as viewer`).toBe(400);
    const mutations = app.routes.filter((r) => !["GET", "ALL", "HEAD"].includes(r.method) && r.path.startsWith("/api/") && !r.path.startsWith("/api/auth/") && !readsByPost.includes(r.path));
    const unique = [...new Map(mutations.map((r) => [`${r.method} ${r.path}`, r])).values()];
    expect(unique.length).toBeGreaterThanOrEqual(15);
    for (const route of unique) {
      const path = route.path.replace(/:id/g, String(checkoutNudge)).replace(/:teamId/g, "checkout").replace(/:month/g, "2026-11").replace(/:kind/g, "operations");
      const asViewer = await call(app, viewer, route.method, path, {});
      expect(asViewer.status, `${route.method} ${route.path} as viewer`).toBe(403);
      expect((await call(app, null, route.method, path, {})).status, `${route.method} ${route.path} anonymous`).toBe(401);
    }
  });

  it("a team editor changes its own team's budget and nudges, not another team's, and not rules", async () => {
    expect((await call(app, editor, "PUT", budget("checkout"), { budgetUsd: "1234.50" })).status).toBe(200);
    const other = await call(app, editor, "PUT", budget("billing"), { budgetUsd: "1" });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('may only change team "checkout"');
    expect((await call(app, editor, "POST", `/api/nudges/${checkoutNudge}/actions`, { action: "acknowledge" })).body.nudge).toMatchObject({ status: "acknowledged", actor: "eli@lumen.test" });
    expect((await call(app, editor, "POST", `/api/nudges/${billingNudge}/actions`, { action: "acknowledge" })).status).toBe(403);
    expect((await call(app, editor, "POST", "/api/wins", { teamId: "billing", title: "not mine", shippedOn: "2026-10-01", expectedMonthlySavingsUsd: "10" })).status).toBe(403);
    expect((await call(app, editor, "POST", "/api/ownership/rules", {})).status).toBe(403);
    // A business review is saved by an editor for its own team only, never for a group or the company.
    expect((await call(app, editor, "POST", "/api/reviews", { scope: "team:checkout", period: "2026-10" })).status).not.toBe(403);
    expect((await call(app, editor, "POST", "/api/reviews", { scope: "team:billing", period: "2026-10" })).status).toBe(403);
    expect((await call(app, editor, "POST", "/api/reviews", { scope: "company", period: "2026-10" })).status).toBe(403);
  });

  it("an admin changes any team; the audit names the signed-in person, whatever x-actor says", async () => {
    expect((await call(app, admin, "PUT", budget("billing"), { budgetUsd: "999.00" }, { "x-actor": "someone-else" })).status).toBe(200);
    const trail = (await call(app, admin, "GET", "/api/audit?area=budgets")).body.entries;
    expect(trail[0]).toMatchObject({ actor: "ana@lumen.test", action: "budget.update", subject: "billing 2026-11", after: { budgetUsd: "999.00" } });
    expect(trail[1]).toMatchObject({ actor: "eli@lumen.test", subject: "checkout 2026-11" });
  });
});

describe("CSRF and cross-site requests", () => {
  it("a session's change without its CSRF token, or from another site, is refused", async () => {
    const noToken = await app.request("/api/budgets/months/2026-11/teams/checkout", { method: "PUT", headers: { "content-type": "application/json", cookie: admin.cookie }, body: JSON.stringify({ budgetUsd: "5" }) });
    expect(noToken.status).toBe(403);
    expect((await call(app, admin, "PUT", "/api/budgets/months/2026-11/teams/checkout", { budgetUsd: "5" }, { origin: "https://evil.example", host: "tallyboard.internal" })).status).toBe(403);
    expect((await call(app, admin, "PUT", "/api/budgets/months/2026-11/teams/checkout", { budgetUsd: "5" }, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await call(app, admin, "PUT", "/api/budgets/months/2026-11/teams/checkout", { budgetUsd: "5" }, { origin: "http://tallyboard.internal", host: "tallyboard.internal" })).status).toBe(200);
  });
});

describe("API tokens", () => {
  it("shown once, stored hashed, scoped, stamped when used, revocable, audited", async () => {
    const created = await call(app, admin, "POST", "/api/tokens", { name: "ci-reader", scope: "read" });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^tbt_[A-Za-z0-9_-]{43}$/);
    const listed = (await call(app, admin, "GET", "/api/tokens")).body.tokens;
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed[0]).toMatchObject({ name: "ci-reader", role: "viewer", prefix: token.slice(0, 10), lastUsedAt: null });
    const rows = await queryRows<Record<string, unknown>>(database.db, sql`select * from api_tokens`);
    expect(JSON.stringify(rows)).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await call(app, null, "GET", "/api/teams", undefined, bearer)).status).toBe(200);
    expect((await call(app, null, "PUT", "/api/budgets/months/2026-11/teams/checkout", { budgetUsd: "1" }, bearer)).status).toBe(403);
    expect((await call(app, viewer, "GET", "/api/tokens")).status).toBe(403);
    expect((await call(app, admin, "GET", "/api/tokens")).body.tokens[0].lastUsedAt).not.toBeNull();

    expect((await call(app, admin, "DELETE", `/api/tokens/${created.body.apiToken.id}`)).status).toBe(200);
    expect((await call(app, null, "GET", "/api/teams", undefined, bearer)).status).toBe(401);
    const trail = (await call(app, admin, "GET", "/api/audit?area=access")).body.entries.map((e: any) => [e.action, e.actor]);
    expect(trail.slice(0, 2)).toEqual([["token.revoke", "ana@lumen.test"], ["token.create", "ana@lumen.test"]]);
  });

  it("the audit trail shows token and user changes to admins only, like /api/tokens and /api/users", async () => {
    await call(app, admin, "POST", "/api/tokens", { name: "audit-probe", scope: "read" });
    expect(JSON.stringify((await call(app, admin, "GET", "/api/audit")).body)).toContain("audit-probe");
    for (const person of [viewer, editor]) {
      const seen = await call(app, person, "GET", "/api/audit");
      expect(seen.status).toBe(200);
      expect(seen.body.entries.length).toBeGreaterThan(0); // budget changes stay visible
      expect(seen.body.entries.filter((e: any) => e.area === "access")).toEqual([]);
      expect(JSON.stringify(seen.body)).not.toContain("audit-probe");
      const exported = await call(app, person, "GET", "/api/audit/export");
      expect(exported.status).toBe(200);
      expect(exported.body).not.toContain("audit-probe");
      expect((await call(app, person, "GET", "/api/audit?area=access")).status).toBe(403);
    }
  });

  it("a write token acts as an editor of its team only", async () => {
    const { body } = await call(app, admin, "POST", "/api/tokens", { name: "checkout-bot", scope: "write", teamId: "checkout" });
    const bearer = { authorization: `Bearer ${body.token}` };
    expect((await call(app, null, "PUT", "/api/budgets/months/2026-12/teams/checkout", { budgetUsd: "7" }, bearer)).status).toBe(200);
    expect((await call(app, null, "PUT", "/api/budgets/months/2026-12/teams/billing", { budgetUsd: "7" }, bearer)).status).toBe(403);
    expect((await call(app, admin, "POST", "/api/tokens", { name: "x", scope: "write" })).body.error.message).toContain('"teamId"');
  });
});
