// Table-driven: which auth mode a configuration gets, what the policy asks of each request, the
// sign-in limiter's window, and the log redaction of secrets.
import { describe, expect, it } from "vitest";
import { loadAuthConfig, isLoopbackHost } from "../../jobs/config/auth-config";
import { compilePolicy, matchPolicy, POLICY } from "../../api/auth/policy";
import { createSignInLimiter, signInKeys } from "../../api/auth/sign-in-limiter";
import { configureLogger, logger } from "../../jobs/logger";

describe("AUTH_MODE", () => {
  it.each([
    [{}, "127.0.0.1", true, "open"],
    [{}, "localhost", true, "open"],
    [{}, "::1", true, "open"],
    [{}, "0.0.0.0", true, "local"],
    [{}, "127.0.0.1", false, "local"],
    [{ AUTH_MODE: "local" }, "127.0.0.1", true, "local"],
    [{ AUTH_MODE: "open", ALLOW_OPEN_ACCESS: "true" }, "0.0.0.0", true, "open"],
    [{ AUTH_MODE: "proxy", PROXY_SECRET: "a-shared-secret-16+" }, "0.0.0.0", false, "proxy"],
  ])("%o on %s (demo %s) -> %s", (env, host, demo, mode) => {
    expect(loadAuthConfig(env, { host, demo }).mode).toBe(mode);
  });

  it("open mode checks the Host header unless ALLOW_OPEN_ACCESS opened it beyond loopback", () => {
    expect(loadAuthConfig({}, { host: "127.0.0.1", demo: true }).openOnlyToLoopbackHosts).toBe(true);
    expect(loadAuthConfig({ AUTH_MODE: "open", ALLOW_OPEN_ACCESS: "true" }, { host: "0.0.0.0", demo: true }).openOnlyToLoopbackHosts).toBe(false);
  });

  it.each([
    [{ AUTH_MODE: "open" }, "0.0.0.0", /only allowed on a loopback HOST/],
    [{ AUTH_MODE: "proxy" }, "0.0.0.0", /set PROXY_SECRET or PROXY_TRUSTED_IPS/],
    [{ AUTH_MODE: "proxy", PROXY_SECRET: "short" }, "0.0.0.0", /PROXY_SECRET: use at least 16/],
    [{ AUTH_MODE: "proxy", PROXY_TRUSTED_IPS: "10.0.0.1,proxy" }, "0.0.0.0", /PROXY_TRUSTED_IPS: "proxy" is not an IP/],
    [{ SESSION_TTL_HOURS: "0" }, "127.0.0.1", /SESSION_TTL_HOURS/],
  ])("%o on %s is refused", (env, host, message) => {
    expect(() => loadAuthConfig(env, { host, demo: true })).toThrow(message);
  });

  it("knows loopback hosts", () => {
    expect(["127.0.0.1", "127.1.2.3", "localhost", "[::1]"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "10.0.0.1", "example.com", "::"].some(isLoopbackHost)).toBe(false);
  });
});

describe("policy", () => {
  const rules = compilePolicy(POLICY);
  it.each([
    ["GET", "/api/overview", "viewer"],
    ["HEAD", "/api/teams", "viewer"],
    ["GET", "/api/health", "public"],
    ["POST", "/api/auth/login", "public"],
    ["GET", "/api/tokens", "admin"],
    ["POST", "/api/tokens", "admin"],
    ["PUT", "/api/budgets/months/2026-11/teams/checkout", "editor"],
    ["PUT", "/api/budgets/months/2026-11/teams/checkout/extra", "admin"],
    ["POST", "/api/nudges/12/actions", "editor"],
    ["PUT", "/api/nudges/settings/checkout", "admin"],
    ["POST", "/api/wins", "editor"],
    ["POST", "/api/ownership/rules", "admin"],
    ["POST", "/api/a-route-added-later", "admin"],
    ["DELETE", "/api/tokens/3", "admin"],
  ])("%s %s needs %s", (method, path, need) => {
    expect(matchPolicy(rules, method, path).need).toBe(need);
  });

  it("hands an editor row its path parameters, decoded", () => {
    expect(matchPolicy(rules, "PUT", "/api/budgets/months/2026-11/teams/data%20platform").params).toEqual({ month: "2026-11", teamId: "data platform" });
  });
});

describe("sign-in limiter", () => {
  const key = (k: string) => [{ key: k, max: 3 }];
  it("counts an attempt when it starts, refuses past max until the oldest leaves the window", () => {
    let now = 0;
    const limiter = createSignInLimiter(1000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.reserve(key("a")).ok).toBe(true); // nothing reported back yet: still counted
      now += 100;
    }
    expect(limiter.reserve(key("a"))).toEqual({ ok: false, retryAfterMs: 700 });
    expect(limiter.reserve(key("b")).ok).toBe(true);
    now = 1001;
    expect(limiter.reserve(key("a")).ok).toBe(true);
  });

  it("a success takes its attempt back and clears the first key's failures, not the others'", () => {
    const limiter = createSignInLimiter(1000, () => 0);
    const keys = [{ key: "pair", max: 2 }, { key: "account", max: 3 }];
    expect(limiter.reserve(keys).ok).toBe(true);
    const right = limiter.reserve(keys);
    expect(right.ok && (right.reservation.succeed(), true)).toBe(true);
    expect(limiter.reserve(keys).ok).toBe(true); // pair cleared; account holds 2
    expect(limiter.reserve([{ key: "account", max: 3 }]).ok).toBe(true);
    expect(limiter.reserve([{ key: "account", max: 3 }]).ok).toBe(false);
  });

  it("keys an attempt by account and address, and by account; never by address alone", () => {
    expect(signInKeys("a@x", "10.0.0.1", 10)).toEqual([{ key: "account+address:a@x 10.0.0.1", max: 10 }, { key: "account:a@x", max: 50 }]);
  });
});

describe("log redaction", () => {
  it("never writes passwords, tokens, cookies, authorization headers or webhook URLs", () => {
    const lines: string[] = [];
    configureLogger("info", { write: (line: string) => void lines.push(line) });
    const secrets = { password: "hunter2-password", token: "tbt_secret", headers: { authorization: "Bearer tbt_secret2", cookie: "tb_session=tbs_x" }, settings: { slackWebhookUrl: "https://hooks.slack.com/T/secret" }, user: { passwordHash: "$argon2id$v=19$secret" } };
    logger("test").info(secrets, "a log line with secrets in its fields");
    logger("test").error({ err: { csrfToken: "csrf-secret" } }, "nested");
    configureLogger("silent");
    const written = lines.join("\n");
    expect(written).toContain("a log line with secrets");
    for (const secret of ["hunter2", "tbt_secret", "tbs_x", "hooks.slack.com", "argon2id", "csrf-secret"]) expect(written).not.toContain(secret);
    expect(written.match(/\[redacted\]/g)!.length).toBe(7);
  });
});
