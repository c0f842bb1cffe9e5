// Single sign-on through an authenticating proxy, and the open demo mode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app";
import { disableUser, upsertUser } from "../../db/queries/access-users";
import { OPEN_AUTH, type AuthConfig } from "../../jobs/config/auth-config";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { call } from "../support/access-harness";
import { listen } from "../support/http-server";

const SECRET = "proxy-shared-secret-0123456789";
const proxyAuth: AuthConfig = { ...OPEN_AUTH, mode: "proxy", proxy: { userHeader: "x-forwarded-email", secret: SECRET, secretHeader: "x-proxy-secret", trustedAddresses: [], defaultRole: "viewer" } };
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await upsertUser(database.db, { email: "fin@lumen.test", role: "admin", teamId: null, passwordHash: null });
  await upsertUser(database.db, { email: "gone@lumen.test", role: "admin", teamId: null, passwordHash: null });
  await disableUser(database.db, "gone@lumen.test");
}, 60_000);
afterAll(async () => database?.drop());

describe("AUTH_MODE=proxy", () => {
  const app = () => createApp(database, "demo", undefined, proxyAuth);
  const from = (email: string, secret = SECRET) => ({ "x-forwarded-email": email, "x-proxy-secret": secret });

  it("takes the identity from the proxy's header only with the shared secret; the role from users, else the default", async () => {
    expect((await call(app(), null, "GET", "/api/me", undefined, from("fin@lumen.test"))).body.identity).toMatchObject({ actor: "fin@lumen.test", role: "admin", via: "proxy" });
    expect((await call(app(), null, "GET", "/api/me", undefined, from("new@lumen.test"))).body.identity).toMatchObject({ role: "viewer" });
    expect((await call(app(), null, "GET", "/api/teams", undefined, from("fin@lumen.test", "wrong-secret-wrong-secret"))).status).toBe(401);
    expect((await call(app(), null, "GET", "/api/teams", undefined, { "x-forwarded-email": "fin@lumen.test" })).status).toBe(401);
    expect((await call(app(), null, "GET", "/api/teams")).status).toBe(401);
    expect((await call(app(), null, "GET", "/api/teams", undefined, from("gone@lumen.test"))).status).toBe(403);
    expect((await call(app(), null, "POST", "/api/auth/login", { email: "fin@lumen.test", password: "x" })).status).toBe(400);
  });

  it("refuses a request with more than one identity header (never joins them into one actor)", async () => {
    const server = await listen(app());
    try {
      const headers = (emails: string[]) => ({ headers: { "x-forwarded-email": emails, "x-proxy-secret": SECRET } });
      expect(await server.get("/api/teams", headers(["fin@lumen.test"]))).toBe(200);
      expect(await server.get("/api/teams", headers(["new@lumen.test", "fin@lumen.test"]))).toBe(401);
      expect(await server.get("/api/teams", headers(["fin@lumen.test, new@lumen.test"]))).toBe(401);
    } finally {
      await server.close();
    }
  });

  it("refuses identity headers from a peer outside PROXY_TRUSTED_IPS", async () => {
    const byAddress = createApp(database, "demo", undefined, { ...proxyAuth, proxy: { ...proxyAuth.proxy!, secret: null, trustedAddresses: ["10.1.2.3"] } });
    expect((await call(byAddress, null, "GET", "/api/teams", undefined, { "x-forwarded-email": "fin@lumen.test" })).status).toBe(401);
  });
});

describe("AUTH_MODE=open (the demo)", () => {
  it("everyone is an admin named by x-actor, and cross-site changes are still refused", async () => {
    const app = createApp(database, "demo");
    expect((await call(app, null, "GET", "/api/me", undefined, { "x-actor": "dana" })).body).toMatchObject({ mode: "open", identity: { actor: "dana", role: "admin", via: "open" } });
    const crossSite = await call(app, null, "POST", "/api/tokens", { name: "t", scope: "read" }, { origin: "https://evil.example", host: "localhost:8080" });
    expect(crossSite.status).toBe(403);
    expect((await call(app, null, "POST", "/api/tokens", { name: "t", scope: "read" }, { origin: "http://localhost:8080", host: "localhost:8080" })).status).toBe(201);
  });

  it("answers only to a loopback Host with the server's port (no DNS rebinding)", async () => {
    const server = await listen(createApp(database, "demo"));
    try {
      const mint = (host: string) => server.post("/api/tokens", { name: `t-${host}`, scope: "read" }, { headers: { host } });
      expect(await mint("rebound.evil.example")).toBe(403);
      expect(await mint(`rebound.evil.example:${server.port}`)).toBe(403);
      expect(await mint(`localhost:${server.port + 1}`)).toBe(403);
      expect(await mint(`localhost:${server.port}`)).toBe(201);
      expect(await mint(`127.0.0.1:${server.port}`)).toBe(201);
      expect(await mint(`[::1]:${server.port}`)).toBe(201);
    } finally {
      await server.close();
    }
    expect((await call(createApp(database, "demo"), null, "GET", "/api/me", undefined, { host: "evil.example" })).status).toBe(403);
  });
});
