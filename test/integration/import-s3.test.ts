// Imports from an S3 prefix through the real SDK against the fake S3: listing pages through
// continuation tokens, gzip objects read with GetObject, other prefixes and non-export keys ignored.
import { afterAll, beforeAll, expect, it } from "vitest";
import { S3Client } from "@aws-sdk/client-s3";
import Decimal from "decimal.js";
import { importFromLocation } from "../../jobs/imports/import-location";
import { listS3Files, parseS3Url } from "../../jobs/imports/s3-files";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { storedTotals } from "../support/import-totals";
import { cur2Csv, cur2Parquet, cur2Rows, gzipCsv, totals } from "../support/cur2-files";
import { startFakeS3, type FakeS3 } from "../fake-s3/server";
import { FAKE_CREDENTIALS } from "../fake-aws/clients";

let database: TestDatabase;
let s3: FakeS3;
let client: S3Client;
beforeAll(async () => {
  database = await createTestDatabase();
  s3 = await startFakeS3({ pageSize: 2 });
  client = new S3Client({ region: "us-east-1", endpoint: s3.url, forcePathStyle: true, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
  s3.buckets.set(
    "billing",
    new Map([
      ["cur2/export/data/BILLING_PERIOD=2024-09/part-1.csv.gz", gzipCsv(cur2Csv(cur2Rows("2024-09").slice(0, 2)))],
      ["cur2/export/data/BILLING_PERIOD=2024-09/part-2.csv.gz", gzipCsv(cur2Csv(cur2Rows("2024-09").slice(2)))],
      ["cur2/export/data/BILLING_PERIOD=2024-10/part-1.parquet", cur2Parquet(cur2Rows("2024-10", "2"))],
      ["cur2/export/metadata/BILLING_PERIOD=2024-10/manifest.json", Buffer.from("{}")],
      ["other/ignored.csv", Buffer.from("not,billing\n")],
    ]),
  );
});
afterAll(async () => {
  client.destroy();
  await s3.close();
  await database.drop();
});

it("parses s3:// locations", () => {
  expect(parseS3Url("s3://billing/cur2/export")).toEqual({ bucket: "billing", prefix: "cur2/export" });
  expect(parseS3Url("s3://billing")).toEqual({ bucket: "billing", prefix: "" });
  expect(() => parseS3Url("https://billing")).toThrow("not an S3 location");
});

it("lists the export files under the prefix across pages", async () => {
  const files = await listS3Files(client, "s3://billing/cur2/");
  expect(files.map((f) => f.name)).toEqual([
    "s3://billing/cur2/export/data/BILLING_PERIOD=2024-09/part-1.csv.gz",
    "s3://billing/cur2/export/data/BILLING_PERIOD=2024-09/part-2.csv.gz",
    "s3://billing/cur2/export/data/BILLING_PERIOD=2024-10/part-1.parquet",
  ]);
  const lists = s3.requests.filter((r) => r.query["list-type"] === "2");
  expect(lists).toHaveLength(2); // 4 keys under the prefix, 2 per page
  expect(lists[1]!.query["continuation-token"]).toBeTruthy();
});

it("imports every file under the prefix; a rerun reads but writes nothing", async () => {
  const { run } = await importFromLocation(database, "s3://billing/cur2/export/", { s3Client: client });
  expect(run.error).toBeUndefined();
  expect(run.rowsWritten).toBe(8);
  const expected = [totals(cur2Rows("2024-09")), totals(cur2Rows("2024-10", "2"))];
  const stored = await storedTotals(database.db, "cur");
  expect(stored.rows).toBe(8);
  expect(stored.amortized).toBe(Decimal.sum(expected[0]!.amortized, expected[1]!.amortized).toFixed());
  const again = await importFromLocation(database, "s3://billing/cur2/export/", { s3Client: client });
  expect(again.run.rowsWritten).toBe(0);
});

it("a missing bucket fails with the SDK's error", async () => {
  await expect(listS3Files(client, "s3://nope/x")).rejects.toThrow();
});
