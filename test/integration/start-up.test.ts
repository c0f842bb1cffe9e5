// Start-up as a user meets it: bad settings stop the process with one message naming the setting,
// and only one holder of a job's lock runs it.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createTestDatabase, usesPostgres } from "../support/test-database";
import { openDatabase } from "../../db/client";

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "api/main.ts"], {
    env: { PATH: process.env.PATH, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe("start-up with bad configuration", () => {
  it.each([
    [{ AWS_REGIONS: "us-east-1,moon-1" }, 'Configuration error: AWS_REGIONS: unknown region "moon-1"'],
    [{ DATABASE_URL: "postgres//no-colon" }, "Configuration error: DATABASE_URL: is not a URL"],
    [{ DEMO_DIR: "fixtures/missing-company" }, "Configuration error: DEMO_DIR: the demo fixture"],
    [{ DATABASE_URL: "postgres://root@127.0.0.1:1/none" }, "Configuration error: DATABASE_URL: could not open PostgreSQL at 127.0.0.1:1/none"],
  ])("%o fails at once, naming the setting", (env, message) => {
    const { status, stderr } = start(env);
    expect(status).toBe(1);
    expect(stderr.trim().split("\n").at(-1)).toContain(message);
  });
});

describe("job locks", () => {
  it("a second holder of the same lock is turned away while the first runs", async () => {
    const first = await createTestDatabase();
    // On PostgreSQL the second holder is another connection pool, as another instance would be.
    const second = usesPostgres ? await openDatabase(first.target) : first;
    let release!: () => void;
    const running = first.withAdvisoryLock("sync", () => new Promise<string>((resolve) => (release = () => resolve("first ran"))));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await second.withAdvisoryLock("sync", async () => "second ran")).toBeUndefined();
    expect(await second.withAdvisoryLock("other-job", async () => "other ran")).toBe("other ran");
    release();
    expect(await running).toBe("first ran");
    expect(await second.withAdvisoryLock("sync", async () => "second ran")).toBe("second ran");
    if (second !== first) await second.close();
    await first.drop();
  });
});
