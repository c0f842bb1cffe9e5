// IMPORT_LOCATION and IMPORT_CRON: checked once at start-up, naming the setting.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../jobs/config/load-config";

const base = { TALLYBOARD_SOURCE: "aws" };

describe("import settings", () => {
  it("no IMPORT_LOCATION: no scheduled import, the default cron", () => {
    expect(loadConfig(base)).toMatchObject({ importLocation: null, importCron: "45 */6 * * *" });
  });

  it("a relative folder resolves against the working directory; s3:// stays as given", () => {
    const cwd = mkdtempSync(join(tmpdir(), "tallyboard-config-"));
    expect(loadConfig({ ...base, IMPORT_LOCATION: "." }, cwd).importLocation).toBe(cwd);
    expect(loadConfig({ ...base, IMPORT_LOCATION: "s3://my-billing/cur2/export" }).importLocation).toBe("s3://my-billing/cur2/export");
  });

  it.each([
    [{ IMPORT_LOCATION: "/no/such/folder" }, "IMPORT_LOCATION: /no/such/folder does not exist"],
    [{ IMPORT_LOCATION: "s3://" }, "IMPORT_LOCATION: \"s3://\" is not s3://bucket/prefix"],
    [{ IMPORT_CRON: "every hour" }, "IMPORT_CRON: not a cron pattern"],
  ])("%o is rejected", (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });
});
