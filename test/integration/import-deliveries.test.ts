// Export folders on disk holding several deliveries of one billing period, imported twice: the newest
// delivery (as AWS's manifests name it) replaces the period, never summed with the older one; a
// location that cannot be read that way is a failed run with nothing written.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { importFromLocation } from "../../jobs/imports/import-location";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { attributedTotal } from "../support/import-totals";
import { cur2Csv, cur2Parquet, cur2Rows, gzipCsv, totals } from "../support/cur2-files";
import { focusCsv, legacyCurGz, legacyCurTotal, legacyManifest, writeTree } from "../support/delivery-files";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const folder = () => mkdtempSync(join(tmpdir(), "tallyboard-deliveries-"));

async function periodTotal(period: string): Promise<{ rows: number; unblended: string }> {
  const [row] = await queryRows<{ rows: string; unblended: string | null }>(
    database.db,
    sql`select count(*)::text as rows, sum(unblended_cost)::text as unblended from cost_line_items where day >= ${`${period}-01`}::date and day < (${`${period}-01`}::date + interval '1 month')`,
  );
  return { rows: Number(row!.rows), unblended: new Decimal(row!.unblended ?? 0).toFixed() };
}

async function everything(): Promise<unknown> {
  return queryRows(database.db, sql`select (select count(*) from cost_line_items)::text as rows, (select coalesce(sum(unblended_cost), 0) from cost_line_items)::text as total, (select count(*) from import_batches)::text as batches`);
}

describe("legacy CUR with versioned reports (<range>/<assemblyId>/)", () => {
  const dir = folder();
  const range = "report/20240901-20241001";
  const key = (path: string) => `billing/cur/${path}`; // the manifest's keys carry the S3 prefix the local copy lacks
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("imports the first assembly, then only the second: September totals 28.875 (the second delivery), not 40.425 (both)", async () => {
    writeTree(dir, {
      [`${range}/asm-1/report-1.csv.gz`]: legacyCurGz("2024-09", "1"),
      [`${range}/asm-1/report-Manifest.json`]: legacyManifest("asm-1", "2024-09", [key(`${range}/asm-1/report-1.csv.gz`)]),
      [`${range}/report-Manifest.json`]: legacyManifest("asm-1", "2024-09", [key(`${range}/asm-1/report-1.csv.gz`)]),
    });
    const first = await importFromLocation(database, dir);
    expect(first.run.error).toBeUndefined();
    expect(await periodTotal("2024-09")).toEqual({ rows: 2, unblended: legacyCurTotal("1") });

    const second = [`${range}/asm-2/report-1.csv.gz`, `${range}/asm-2/report-2.csv.gz`];
    writeTree(dir, {
      [second[0]!]: legacyCurGz("2024-09", "2"),
      [second[1]!]: legacyCurGz("2024-09", "0.5"),
      [`${range}/asm-2/report-Manifest.json`]: legacyManifest("asm-2", "2024-09", second.map(key)),
      [`${range}/report-Manifest.json`]: legacyManifest("asm-2", "2024-09", second.map(key)), // AWS rewrites the period's manifest
    });
    const { run } = await importFromLocation(database, dir);
    expect(run.error).toBeUndefined();
    expect(await periodTotal("2024-09")).toEqual({ rows: 4, unblended: legacyCurTotal("2.5") });
    expect(run.details).toMatchObject({
      replacedBatches: 1,
      deliveries: [{ period: "2024-09", folder: join(dir, range, "asm-2"), id: "asm-2", manifest: join(dir, range, "report-Manifest.json"), files: 2, skipped: [join(dir, range, "asm-1/report-1.csv.gz")] }],
    });
    expect(await attributedTotal(database.db)).toBe((await periodTotal("2024-09")).unblended);
  });

  it("without the manifests, the two assemblies are refused naming both folders; nothing is written", async () => {
    rmSync(join(dir, range, "report-Manifest.json"));
    rmSync(join(dir, range, "asm-1/report-Manifest.json"));
    rmSync(join(dir, range, "asm-2/report-Manifest.json"));
    const before = await everything();
    const { run } = await importFromLocation(database, dir);
    expect(run.status).toBe("failed");
    expect(run.error).toContain(`2024-09 has 2 deliveries (${join(dir, range, "asm-1")}, ${join(dir, range, "asm-2")}) and no manifest to choose between them: refused, not summed`);
    expect(await everything()).toEqual(before);
  });
});

describe("Data Exports overwritten in place (data/BILLING_PERIOD=yyyy-mm/)", () => {
  it("a rewritten period replaces the previous one; a part the manifest no longer names is left out", async () => {
    const dir = folder();
    const data = "cur2/export/data/BILLING_PERIOD=2024-10";
    const manifest = "cur2/export/metadata/BILLING_PERIOD=2024-10/export-Manifest.json";
    writeTree(dir, {
      [`${data}/export-00001.csv.gz`]: gzipCsv(cur2Csv(cur2Rows("2024-10").slice(0, 2))),
      [`${data}/export-00002.csv.gz`]: gzipCsv(cur2Csv(cur2Rows("2024-10").slice(2))),
    });
    expect((await importFromLocation(database, dir)).run.error).toBeUndefined();
    expect(await periodTotal("2024-10")).toEqual({ rows: 4, unblended: totals(cur2Rows("2024-10")).unblended });

    // The next refresh fits in one part; part 2 of the old delivery is still there but not in the manifest.
    writeTree(dir, {
      [`${data}/export-00001.csv.gz`]: gzipCsv(cur2Csv(cur2Rows("2024-10", "4"))),
      [manifest]: Buffer.from(JSON.stringify({ executionId: "exec-2", billingPeriod: { start: "2024-10-01T00:00:00.000Z" }, dataFiles: [`s3://billing/cur2/export/data/BILLING_PERIOD=2024-10/export-00001.csv.gz`] })),
    });
    const { run } = await importFromLocation(database, dir);
    expect(run.error).toBeUndefined();
    expect(await periodTotal("2024-10")).toEqual({ rows: 4, unblended: totals(cur2Rows("2024-10", "4")).unblended });
    expect(run.details).toMatchObject({ deliveries: [{ period: "2024-10", id: "exec-2", files: 1, skipped: [join(dir, data, "export-00002.csv.gz")] }] });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("bad deliveries: a failed run, nothing written", () => {
  it.each<{ title: string; files: Record<string, Buffer>; error: string }>([
    {
      title: "a manifest naming a file that is missing",
      files: {
        "report/20241101-20241201/asm-3/report-1.csv.gz": legacyCurGz("2024-11", "1"),
        "report/20241101-20241201/report-Manifest.json": legacyManifest("asm-3", "2024-11", ["report/20241101-20241201/asm-3/report-1.csv.gz", "report/20241101-20241201/asm-3/report-2.csv.gz"]),
      },
      error: "names 1 file(s) that are not in the location: report/20241101-20241201/asm-3/report-2.csv.gz",
    },
    {
      title: "a manifest of another period than its folder",
      files: {
        "report/20241101-20241201/asm-3/report-1.csv.gz": legacyCurGz("2024-11", "1"),
        "report/20241101-20241201/report-Manifest.json": legacyManifest("asm-3", "2024-10", ["report/20241101-20241201/asm-3/report-1.csv.gz"]),
      },
      error: "billingPeriod starts in 2024-10 but the manifest is in the folder of 2024-11",
    },
    {
      title: "a CSV and a Parquet delivery of one period",
      files: {
        "cur2/export/data/BILLING_PERIOD=2024-11/export-00001.csv.gz": gzipCsv(cur2Csv(cur2Rows("2024-11"))),
        "cur2/export/data/BILLING_PERIOD=2024-11/export-00001.snappy.parquet": cur2Parquet(cur2Rows("2024-11")),
      },
      error: "2024-11 comes both as CSV",
    },
    {
      title: "a CUR and a FOCUS file for one period in one selection",
      files: { "cur-november.csv.gz": legacyCurGz("2024-11", "1"), "focus-november.csv": focusCsv("2024-11", "11.55") },
      error: "billing period 2024-11 is focus CSV here but cur CSV in",
    },
  ])("$title", async ({ files, error }) => {
    const dir = folder();
    writeTree(dir, files);
    const before = await everything();
    const { run } = await importFromLocation(database, dir);
    expect(run.status).toBe("failed");
    expect(run.error).toContain(error);
    expect(await everything()).toEqual(before);
    rmSync(dir, { recursive: true, force: true });
  });
});

it("a Parquet copy of a period already imported from CSV is refused, not added to it", async () => {
  const dir = folder();
  writeTree(dir, { "cur2-december.csv.gz": gzipCsv(cur2Csv(cur2Rows("2024-12"))) });
  expect((await importFromLocation(database, dir)).run.error).toBeUndefined();
  writeTree(dir, { "cur2-december.parquet": cur2Parquet(cur2Rows("2024-12")) });
  const before = await everything();
  const { run } = await importFromLocation(database, dir);
  expect(run.error).toContain(`billing period 2024-12 is cur2 Parquet here but cur2 CSV in ${join(dir, "cur2-december.csv.gz")}`);
  expect(await everything()).toEqual(before);
  rmSync(dir, { recursive: true, force: true });
});
