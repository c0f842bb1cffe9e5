// POST /api/imports: raw and multipart uploads, 400 naming file/line/column, 413 past the limit.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../api/app";
import { DEFAULT_BODY_LIMITS } from "../../api/body-limits";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { readCsv, storedTotals, sum } from "../support/import-totals";
import { cur2Csv, cur2Rows, gzipCsv, totals } from "../support/cur2-files";

const FOCUS_SAMPLE = "fixtures/samples/focus-1.0-sample.csv";
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it("a raw FOCUS upload imports 1,000 rows and answers 201 with the run", async () => {
  const response = await createApp(database, "demo").request("/api/imports?fileName=focus.csv&format=focus", { method: "POST", body: readFileSync(FOCUS_SAMPLE) });
  expect(response.status).toBe(201);
  expect(await response.json()).toMatchObject({ status: "succeeded", rowsWritten: 1000 });
  expect((await storedTotals(database.db, "focus")).unblended).toBe(sum(readCsv(FOCUS_SAMPLE), "BilledCost"));
});

it("a multipart upload of a gzip CUR 2.0 CSV takes the file's name", async () => {
  const form = new FormData();
  form.append("file", new File([gzipCsv(cur2Csv(cur2Rows("2024-09")))], "cur2.csv.gz"));
  const response = await createApp(database, "demo").request("/api/imports", { method: "POST", body: form });
  expect(response.status).toBe(201);
  expect(await response.json()).toMatchObject({ rowsWritten: 4, details: { files: [{ name: "cur2.csv.gz", format: "cur2" }] } });
  expect((await storedTotals(database.db, "cur")).amortized).toBe(totals(cur2Rows("2024-09")).amortized);
});

it("a bad row answers 400 with file, line and column, and writes nothing", async () => {
  const before = await storedTotals(database.db, "cur");
  const csv = cur2Csv(cur2Rows("2024-09", "3")).replace("2024-09-03T00:00:00Z", "yesterday");
  const response = await createApp(database, "demo").request("/api/imports?fileName=restated.csv", { method: "POST", body: csv });
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("BAD_REQUEST");
  expect(body.error.message).toBe('restated.csv, line 5, column line_item_usage_start_date: "yesterday" is not a timestamp');
  expect(await storedTotals(database.db, "cur")).toEqual(before);
});

it("an unknown format is a 400 naming the field; an empty body is a 400", async () => {
  const app = createApp(database, "demo");
  const bad = await app.request("/api/imports?format=xlsx", { method: "POST", body: "x" });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('query field "format"');
  expect((await app.request("/api/imports", { method: "POST" })).status).toBe(400);
});

it("a body past the limit answers 413", async () => {
  const app = createApp(database, "demo", undefined, undefined, { chromiumPath: "/usr/bin/chromium", bodyLimits: { ...DEFAULT_BODY_LIMITS, uploadBytes: 1024 } });
  const response = await app.request("/api/imports", { method: "POST", body: "x".repeat(2048), headers: { "content-length": "2048" } });
  expect(response.status).toBe(413);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
});
