// Deliveries under an S3 prefix, through the real SDK against the fake S3, imported twice: a Data
// Exports execution folder per refresh (the newest execution's manifest wins) and a legacy CUR
// overwritten in place (its manifest names the current files). The second import replaces the
// period: totals equal the second delivery, not the sum.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Client } from "@aws-sdk/client-s3";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { importFromLocation } from "../../jobs/imports/import-location";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { cur2Parquet, cur2Rows, totals } from "../support/cur2-files";
import { exportManifest, legacyCurGz, legacyCurTotal, legacyManifest } from "../support/delivery-files";
import { startFakeS3, type FakeS3 } from "../fake-s3/server";
import { FAKE_CREDENTIALS } from "../fake-aws/clients";

let database: TestDatabase;
let s3: FakeS3;
let client: S3Client;
const objects = new Map<string, Buffer>();
beforeAll(async () => {
  database = await createTestDatabase();
  s3 = await startFakeS3({ pageSize: 3 });
  s3.buckets.set("billing", objects);
  client = new S3Client({ region: "us-east-1", endpoint: s3.url, forcePathStyle: true, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await s3.close();
  await database.drop();
});

const put = (key: string, bytes: Buffer, modified?: string) => {
  objects.set(key, bytes);
  if (modified) s3.modified.set(`billing/${key}`, new Date(modified));
};

async function periodTotal(period: string): Promise<{ rows: number; unblended: string }> {
  const [row] = await queryRows<{ rows: string; unblended: string | null }>(
    database.db,
    sql`select count(*)::text as rows, sum(unblended_cost)::text as unblended from cost_line_items where day >= ${`${period}-01`}::date and day < (${`${period}-01`}::date + interval '1 month')`,
  );
  return { rows: Number(row!.rows), unblended: new Decimal(row!.unblended ?? 0).toFixed() };
}

describe("Data Exports creating a new version each refresh", () => {
  const root = "exports/cur2";
  const data = (execution: string) => `${root}/data/BILLING_PERIOD=2025-01/${execution}/cur2-00001.snappy.parquet`;
  const manifest = (execution: string) => `${root}/metadata/BILLING_PERIOD=2025-01/${execution}/cur2-Manifest.json`;

  it("imports the first execution, then only the newer one: January equals the second delivery", async () => {
    put(data("exec-1"), cur2Parquet(cur2Rows("2025-01")));
    put(manifest("exec-1"), exportManifest("exec-1", "2025-01", [data("exec-1")]), "2025-01-05T06:00:00Z");
    expect((await importFromLocation(database, `s3://billing/${root}/`, { s3Client: client })).run.error).toBeUndefined();
    expect(await periodTotal("2025-01")).toEqual({ rows: 4, unblended: totals(cur2Rows("2025-01")).unblended });

    put(data("exec-2"), cur2Parquet(cur2Rows("2025-01", "3")));
    put(manifest("exec-2"), exportManifest("exec-2", "2025-01", [data("exec-2")]), "2025-01-06T06:00:00Z");
    const { run } = await importFromLocation(database, `s3://billing/${root}/`, { s3Client: client });
    expect(run.error).toBeUndefined();
    expect(await periodTotal("2025-01")).toEqual({ rows: 4, unblended: totals(cur2Rows("2025-01", "3")).unblended });
    expect(run.details).toMatchObject({
      replacedBatches: 1,
      deliveries: [{ period: "2025-01", folder: `s3://billing/${root}/data/BILLING_PERIOD=2025-01/exec-2`, id: "exec-2", manifest: `s3://billing/${manifest("exec-2")}`, files: 1, skipped: [`s3://billing/${data("exec-1")}`] }],
    });
  });

  it("a newer manifest naming an object that is not there fails the run; January keeps the second delivery", async () => {
    put(manifest("exec-3"), exportManifest("exec-3", "2025-01", [`${root}/data/BILLING_PERIOD=2025-01/exec-3/cur2-00001.snappy.parquet`]), "2025-01-07T06:00:00Z");
    const { run } = await importFromLocation(database, `s3://billing/${root}/`, { s3Client: client });
    expect(run.status).toBe("failed");
    expect(run.error).toContain(`s3://billing/${manifest("exec-3")} names 1 file(s) that are not in the location`);
    expect(await periodTotal("2025-01")).toEqual({ rows: 4, unblended: totals(cur2Rows("2025-01", "3")).unblended });
  });
});

describe("legacy CUR overwriting its report", () => {
  const range = "cur/report/20250201-20250301";
  const key = `${range}/report-1.csv.gz`;

  it("the rewritten report replaces February: totals equal the second delivery", async () => {
    put(key, legacyCurGz("2025-02", "1"));
    put(`${range}/report-Manifest.json`, legacyManifest("asm-a", "2025-02", [key]));
    expect((await importFromLocation(database, "s3://billing/cur/", { s3Client: client })).run.error).toBeUndefined();
    expect(await periodTotal("2025-02")).toEqual({ rows: 2, unblended: legacyCurTotal("1") });

    put(key, legacyCurGz("2025-02", "2"));
    put(`${range}/report-Manifest.json`, legacyManifest("asm-b", "2025-02", [key]));
    const { run } = await importFromLocation(database, "s3://billing/cur/", { s3Client: client });
    expect(run.error).toBeUndefined();
    expect(await periodTotal("2025-02")).toEqual({ rows: 2, unblended: legacyCurTotal("2") });
    expect(run.details).toMatchObject({ replacedBatches: 1, deliveries: [{ period: "2025-02", folder: `s3://billing/${range}`, id: "asm-b", files: 1, skipped: [] }] });
  });
});
