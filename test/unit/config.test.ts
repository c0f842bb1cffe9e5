import { describe, expect, it } from "vitest";
import { loadConfig } from "../../jobs/config/load-config";

const cwd = process.cwd();

describe("loadConfig", () => {
  it("defaults to the demo company on embedded PGlite on port 8080", () => {
    const config = loadConfig({}, cwd);
    expect(config.port).toBe(8080);
    expect(config.source).toBe("demo");
    expect(config.database).toEqual({ kind: "pglite", dataDir: `${cwd}/.data/pglite` });
    expect(config.webhookAllowedHosts).toEqual([]);
    expect(loadConfig({ WEBHOOK_ALLOWED_HOSTS: "hooks.internal, 10.0.0.0/8" }, cwd).webhookAllowedHosts).toEqual(["hooks.internal", "10.0.0.0/8"]);
  });

  it("switches to AWS when credentials are present, and to PostgreSQL with DATABASE_URL", () => {
    const config = loadConfig({ AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", DATABASE_URL: "postgres://app@db.internal:5432/tallyboard" }, cwd);
    expect(config.source).toBe("cost-explorer");
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://app@db.internal:5432/tallyboard" });
    expect(config.ownershipFile).toBeNull();
  });

  it.each([
    [{}, "serve", "demo"],
    [{}, "import", "exports"], // a CLI import without credentials reads the company's files, never the demo
    [{ OWNERSHIP_FILE: "fixtures/demo/ownership.yaml" }, "serve", "exports"],
    [{ IMPORT_LOCATION: "fixtures" }, "serve", "exports"],
    [{ AWS_PROFILE: "billing" }, "serve", "cost-explorer"],
    [{ AWS_PROFILE: "billing", IMPORT_LOCATION: "fixtures" }, "serve", "both"],
    [{ TALLYBOARD_SOURCE: "aws", IMPORT_LOCATION: "fixtures" }, "serve", "both"],
    [{ TALLYBOARD_SOURCE: "exports", AWS_PROFILE: "billing" }, "serve", "exports"],
    [{ TALLYBOARD_SOURCE: "demo" }, "import", "demo"],
  ] as const)("TALLYBOARD_SOURCE with %o (%s) is %s", (env, purpose, source) => {
    expect(loadConfig(env, cwd, purpose).source).toBe(source);
  });

  it.each([
    [{ TALLYBOARD_SOURCE: "both" }, "IMPORT_LOCATION: is needed with TALLYBOARD_SOURCE=both"],
    [{ TALLYBOARD_SOURCE: "cost-explorer", IMPORT_LOCATION: "fixtures" }, "IMPORT_LOCATION: is set but TALLYBOARD_SOURCE=cost-explorer reads no exports"],
    [{ TALLYBOARD_SOURCE: "cur" }, "TALLYBOARD_SOURCE:"],
    [{ AWS_REGIONS: "us-east-1,us-mars-1" }, 'AWS_REGIONS: unknown region "us-mars-1"'],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL: is not a URL"],
    [{ DATABASE_URL: "mysql://root@localhost/db" }, "DATABASE_URL: must start with postgres://"],
    [{ DATABASE_URL: "postgres://localhost" }, "DATABASE_URL: must name a host and a database"],
    [{ DEMO_DIR: "fixtures/no-such-company" }, "DEMO_DIR: the demo fixture"],
    [{ PORT: "eighty" }, "PORT:"],
    [{ SYNC_CRON: "every tuesday" }, "SYNC_CRON: not a cron pattern"],
    [{ OWNERSHIP_FILE: "missing.yaml" }, "OWNERSHIP_FILE:"],
    [{ WEBHOOK_ALLOWED_HOSTS: "127.0.0.1, 10.0.0.0/40" }, 'WEBHOOK_ALLOWED_HOSTS: "10.0.0.0/40" is not'],
  ])("fails with one message naming the setting: %o", (env, message) => {
    expect(() => loadConfig(env, cwd)).toThrow(message);
  });
});
