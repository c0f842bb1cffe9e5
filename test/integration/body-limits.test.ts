// Request bodies are bounded: JSON routes (sign-in included) at 1 MB, file uploads at the configured
// upload limit, and a gzip upload by what it decompresses to. Past a limit: 413 naming it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { createApp } from "../../api/app";
import { DEFAULT_BODY_LIMITS } from "../../api/body-limits";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { localAuth } from "../support/access-harness";

let database: TestDatabase;
const limits = { jsonBytes: 1024 * 1024, uploadBytes: 4 * 1024 * 1024, decompressedBytes: 8 * 1024 * 1024 };
const post = async (app: ReturnType<typeof createApp>, path: string, body: string | Uint8Array<ArrayBuffer>) => {
  const response = await app.request(path, { method: "POST", body, headers: { "content-type": "application/json", "content-length": String(body.length) } });
  return { status: response.status, body: (await response.json()) as any };
};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe("body limits", () => {
  it("the unauthenticated sign-in refuses a 2 MB body with 413", async () => {
    const app = createApp(database, "demo", undefined, localAuth(), { chromiumPath: "/usr/bin/chromium", bodyLimits: limits });
    const { status, body } = await post(app, "/api/auth/login", JSON.stringify({ email: "a@example.com", password: "x".repeat(2 * 1024 * 1024) }));
    expect(status).toBe(413);
    expect(body.error.message).toBe(`request bodies are limited to ${limits.jsonBytes} bytes`);
  });

  it("any JSON route refuses a body past 1 MB, by default too", async () => {
    const app = createApp(database, "demo");
    expect(DEFAULT_BODY_LIMITS.jsonBytes).toBe(1024 * 1024);
    const { status } = await post(app, "/api/wins", JSON.stringify({ title: "x".repeat(1024 * 1024) }));
    expect(status).toBe(413);
  });

  it("an upload may be larger than a JSON body, up to the upload limit", async () => {
    const app = createApp(database, "demo", undefined, undefined, { chromiumPath: "/usr/bin/chromium", bodyLimits: limits });
    const csv = "not,an,export\n" + "1,2,3\n".repeat(400_000); // 2.4 MB
    expect((await post(app, "/api/imports?fileName=big.csv", csv)).status).toBe(400); // read and refused as not an export
    expect((await post(app, "/api/imports?fileName=big.csv", csv + csv)).status).toBe(413);
  });

  it("a gzip upload that decompresses past the limit answers 413 naming the limit", async () => {
    const app = createApp(database, "demo", undefined, undefined, { chromiumPath: "/usr/bin/chromium", bodyLimits: limits });
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024, "a"))); // ~64 kB that decompress to 64 MB
    const { status, body } = await post(app, "/api/imports?fileName=bomb.csv.gz", bomb);
    expect(status, JSON.stringify(body)).toBe(413);
    expect(body.error.message).toBe(`the upload decompresses to more than ${limits.decompressedBytes} bytes: split the export into smaller files`);
  });
});
