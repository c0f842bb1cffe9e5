// Which files of an export location are imported: per report/export and billing period the newest
// delivery only, chosen by AWS's manifests; two deliveries and no manifest, a manifest naming
// missing files or of another period, CSV and Parquet for one period: refused, never summed.
import { describe, expect, it } from "vitest";
import { DeliveryError, selectDeliveries, type ListedFile, type ListedManifest } from "../../jobs/imports/deliveries";
import { placeOf, parseManifest } from "../../jobs/imports/delivery-layout";

const file = (path: string, modified = 0): ListedFile => ({ path, name: `s3://b/${path}`, modified });
const legacyManifest = (path: string, assemblyId: string, keys: string[], start = "20240901T000000.000Z", modified = 0): ListedManifest => ({
  ...file(path, modified),
  text: JSON.stringify({ assemblyId, account: "111111111111", billingPeriod: { start, end: "20241001T000000.000Z" }, bucket: "b", reportKeys: keys, columns: [] }),
});
const exportManifest = (path: string, executionId: string, dataFiles: string[], modified = 0, billingPeriod: object | undefined = { start: "2024-09-01T00:00:00.000Z", end: "2024-10-01T00:00:00.000Z" }): ListedManifest => ({
  ...file(path, modified),
  text: JSON.stringify({ executionId, exportArn: "arn:aws:bcm-data-exports:us-east-1:111111111111:export/cur2", billingPeriod, dataFiles: dataFiles.map((key) => `s3://b/${key}`), columns: [] }),
});

const R = "cur/report/20240901-20241001";
const E = "exports/cur2";

describe("placeOf reads the delivery layout from the path", () => {
  it.each([
    [`${R}/asm-1/report-1.csv.gz`, { period: "2024-09", folder: `${R}/asm-1`, level: "delivery" }],
    [`${R}/report-1.csv.gz`, { period: "2024-09", folder: R, level: "period" }],
    [`${R}/report-Manifest.json`, { period: "2024-09", folder: R, level: "period" }],
    [`cur/report/report/year=2024/month=9/report-1.parquet`, { period: "2024-09", folder: "cur/report/report/year=2024/month=9", level: "period" }],
    [`${E}/data/BILLING_PERIOD=2024-09/cur2-00001.snappy.parquet`, { period: "2024-09", folder: `${E}/data/BILLING_PERIOD=2024-09`, level: "period" }],
    [`${E}/data/BILLING_PERIOD=2024-09/exec-7/cur2-00001.csv.gz`, { period: "2024-09", folder: `${E}/data/BILLING_PERIOD=2024-09/exec-7`, level: "delivery" }],
    [`${E}/metadata/BILLING_PERIOD=2024-09/exec-7/cur2-Manifest.json`, { period: "2024-09", level: "delivery" }],
  ])("%s", (path, expected) => {
    expect(placeOf(path)).toMatchObject(expected);
  });

  it("data and metadata of one export and period share a group; another report or period does not", () => {
    expect(placeOf(`${E}/data/BILLING_PERIOD=2024-09/x.parquet`)!.group).toBe(placeOf(`${E}/metadata/BILLING_PERIOD=2024-09/cur2-Manifest.json`)!.group);
    expect(placeOf(`${E}/data/BILLING_PERIOD=2024-09/x.parquet`)!.group).not.toBe(placeOf(`${E}/data/BILLING_PERIOD=2024-10/x.parquet`)!.group);
    expect(placeOf(`${R}/a/r-1.csv.gz`)!.group).not.toBe(placeOf(`cur/other/20240901-20241001/a/r-1.csv.gz`)!.group);
  });

  it("files outside any AWS layout have no place", () => {
    expect(placeOf("sept.parquet")).toBeNull();
    expect(placeOf("exports/2024/part-1.csv")).toBeNull();
  });
});

describe("parseManifest", () => {
  it.each([
    ["not JSON", "{", "not valid JSON"],
    ["neither kind", "{}", "not a CUR or Data Exports manifest"],
    ["legacy without assemblyId", JSON.stringify({ reportKeys: ["a.csv.gz"] }), "field assemblyId is missing"],
    ["legacy with no keys", JSON.stringify({ assemblyId: "a", reportKeys: [] }), "field reportKeys names no data files"],
    ["export with keys not a list", JSON.stringify({ executionId: "e", dataFiles: "x" }), "field dataFiles is not a list"],
    ["a period that is not a date", JSON.stringify({ executionId: "e", dataFiles: ["x"], billingPeriod: { start: "soon" } }), 'field billingPeriod.start "soon" is not a date'],
  ])("%s is refused naming the manifest and field", (_, text, message) => {
    expect(() => parseManifest("m-Manifest.json", text)).toThrow(DeliveryError);
    expect(() => parseManifest("m-Manifest.json", text)).toThrow(`m-Manifest.json: ${message}`);
  });

  it("reads both periods spellings and strips s3://bucket/ from data files", () => {
    expect(parseManifest("m", JSON.stringify({ assemblyId: "a", billingPeriod: { start: "20240901T000000.000Z" }, reportKeys: ["k/1.csv.gz"] }))).toMatchObject({ id: "a", period: "2024-09", files: ["k/1.csv.gz"] });
    expect(parseManifest("m", JSON.stringify({ executionId: "e", billingPeriod: { start: "2024-10-01T00:00:00Z" }, dataFiles: ["s3://b/k/1.parquet"] }))).toMatchObject({ id: "e", period: "2024-10", files: ["k/1.parquet"] });
  });
});

describe("selectDeliveries", () => {
  const names = (paths: string[]) => paths.map((path) => `s3://b/${path}`);

  it.each([
    {
      title: "legacy versioned: the period's manifest picks the newest assembly",
      files: [file(`${R}/asm-1/report-1.csv.gz`), file(`${R}/asm-1/report-2.csv.gz`), file(`${R}/asm-2/report-1.csv.gz`)],
      manifests: [legacyManifest(`${R}/report-Manifest.json`, "asm-2", [`${R}/asm-2/report-1.csv.gz`]), legacyManifest(`${R}/asm-1/report-Manifest.json`, "asm-1", [`${R}/asm-1/report-1.csv.gz`, `${R}/asm-1/report-2.csv.gz`], undefined, 99)],
      chosen: [`${R}/asm-2/report-1.csv.gz`],
      delivery: { period: "2024-09", folder: `s3://b/${R}/asm-2`, id: "asm-2", files: 1, skipped: names([`${R}/asm-1/report-1.csv.gz`, `${R}/asm-1/report-2.csv.gz`]) },
    },
    {
      title: "legacy overwrite: the manifest's files only (a stale part it no longer names is left out)",
      files: [file(`${R}/report-1.csv.gz`), file(`${R}/report-2.csv.gz`)],
      manifests: [legacyManifest(`${R}/report-Manifest.json`, "asm-9", [`${R}/report-1.csv.gz`])],
      chosen: [`${R}/report-1.csv.gz`],
      delivery: { folder: `s3://b/${R}`, id: "asm-9", skipped: names([`${R}/report-2.csv.gz`]) },
    },
    {
      title: "Data Exports new version: the newest execution's own manifest wins",
      files: [file(`${E}/data/BILLING_PERIOD=2024-09/exec-1/cur2-00001.parquet`), file(`${E}/data/BILLING_PERIOD=2024-09/exec-2/cur2-00001.parquet`)],
      manifests: [
        exportManifest(`${E}/metadata/BILLING_PERIOD=2024-09/exec-1/cur2-Manifest.json`, "exec-1", [`${E}/data/BILLING_PERIOD=2024-09/exec-1/cur2-00001.parquet`], 1000),
        exportManifest(`${E}/metadata/BILLING_PERIOD=2024-09/exec-2/cur2-Manifest.json`, "exec-2", [`${E}/data/BILLING_PERIOD=2024-09/exec-2/cur2-00001.parquet`], 2000),
      ],
      chosen: [`${E}/data/BILLING_PERIOD=2024-09/exec-2/cur2-00001.parquet`],
      delivery: { id: "exec-2", folder: `s3://b/${E}/data/BILLING_PERIOD=2024-09/exec-2` },
    },
    {
      title: "Data Exports overwrite without a manifest: the one delivery is imported as it is",
      files: [file(`${E}/data/BILLING_PERIOD=2024-09/cur2-00001.csv.gz`), file(`${E}/data/BILLING_PERIOD=2024-09/cur2-00002.csv.gz`)],
      manifests: [],
      chosen: [`${E}/data/BILLING_PERIOD=2024-09/cur2-00001.csv.gz`, `${E}/data/BILLING_PERIOD=2024-09/cur2-00002.csv.gz`],
      delivery: { id: null, manifest: null, files: 2, skipped: [] },
    },
    {
      title: "files outside any AWS layout are imported as before, beside the chosen deliveries",
      files: [file("sept.parquet"), file(`${E}/data/BILLING_PERIOD=2024-10/cur2-00001.parquet`)],
      manifests: [],
      chosen: ["sept.parquet", `${E}/data/BILLING_PERIOD=2024-10/cur2-00001.parquet`],
      delivery: { period: "2024-10" },
    },
    {
      title: "a local copy: manifest keys carry the S3 prefix the local paths lack",
      files: [{ path: "report/20240901-20241001/asm-1/report-1.csv.gz", name: "/tmp/x/report/20240901-20241001/asm-1/report-1.csv.gz", modified: 0 }],
      manifests: [{ ...legacyManifest("report/20240901-20241001/report-Manifest.json", "asm-1", ["billing/prefix/report/20240901-20241001/asm-1/report-1.csv.gz"]), name: "/tmp/x/report/20240901-20241001/report-Manifest.json" }],
      chosen: ["/tmp/x/report/20240901-20241001/asm-1/report-1.csv.gz"],
      delivery: { id: "asm-1", folder: "/tmp/x/report/20240901-20241001/asm-1" },
      raw: true,
    },
  ])("$title", ({ files, manifests, chosen, delivery, raw }) => {
    const selection = selectDeliveries(files, manifests);
    expect(selection.files).toEqual(raw ? chosen : names(chosen));
    expect(selection.deliveries.at(-1)).toMatchObject(delivery);
  });

  it.each([
    {
      title: "two assemblies and no manifest: refused naming both folders",
      files: [file(`${R}/asm-1/report-1.csv.gz`), file(`${R}/asm-2/report-1.csv.gz`)],
      manifests: [],
      error: `2024-09 has 2 deliveries (s3://b/${R}/asm-1, s3://b/${R}/asm-2) and no manifest to choose between them: refused, not summed`,
    },
    {
      title: "two executions and no manifest: refused naming both folders",
      files: [file(`${E}/data/BILLING_PERIOD=2024-09/exec-1/a.parquet`), file(`${E}/data/BILLING_PERIOD=2024-09/exec-2/a.parquet`)],
      manifests: [],
      error: `(s3://b/${E}/data/BILLING_PERIOD=2024-09/exec-1, s3://b/${E}/data/BILLING_PERIOD=2024-09/exec-2)`,
    },
    {
      title: "two executions when the location is inside the export's data/ folder",
      files: ["exec-1", "exec-2"].map((exec) => ({ path: `BILLING_PERIOD=2024-09/${exec}/a.parquet`, name: `/tmp/y/cur2/data/BILLING_PERIOD=2024-09/${exec}/a.parquet`, modified: 0 })),
      manifests: [],
      error: "(/tmp/y/cur2/data/BILLING_PERIOD=2024-09/exec-1, /tmp/y/cur2/data/BILLING_PERIOD=2024-09/exec-2)",
    },
    {
      title: "a manifest naming a file that is not there",
      files: [file(`${R}/asm-2/report-1.csv.gz`)],
      manifests: [legacyManifest(`${R}/report-Manifest.json`, "asm-2", [`${R}/asm-2/report-1.csv.gz`, `${R}/asm-2/report-2.csv.gz`])],
      error: `s3://b/${R}/report-Manifest.json names 1 file(s) that are not in the location: ${R}/asm-2/report-2.csv.gz. The delivery is incomplete: nothing imported`,
    },
    {
      title: "a manifest of another period than its folder",
      files: [file(`${R}/asm-2/report-1.csv.gz`)],
      manifests: [legacyManifest(`${R}/report-Manifest.json`, "asm-2", [`${R}/asm-2/report-1.csv.gz`], "20240801T000000.000Z")],
      error: `s3://b/${R}/report-Manifest.json: billingPeriod starts in 2024-08 but the manifest is in the folder of 2024-09: nothing imported`,
    },
    {
      title: "a manifest naming a file of another period",
      files: [file(`${E}/data/BILLING_PERIOD=2024-09/a.parquet`), file(`${E}/data/BILLING_PERIOD=2024-10/a.parquet`)],
      manifests: [exportManifest(`${E}/metadata/BILLING_PERIOD=2024-09/cur2-Manifest.json`, "e", [`${E}/data/BILLING_PERIOD=2024-10/a.parquet`], 0, undefined)],
      error: `names s3://b/${E}/data/BILLING_PERIOD=2024-10/a.parquet, a file of another billing period or export`,
    },
    {
      title: "a CSV and a Parquet delivery of one period",
      files: [file(`${E}/data/BILLING_PERIOD=2024-09/a.csv.gz`), file(`cur2-parquet/data/BILLING_PERIOD=2024-09/a.parquet`)],
      manifests: [],
      error: `2024-09 comes both as CSV (s3://b/${E}/data/BILLING_PERIOD=2024-09/a.csv.gz) and as Parquet (s3://b/cur2-parquet/data/BILLING_PERIOD=2024-09/a.parquet): mixed formats in one period are refused`,
    },
    {
      title: "two executions whose manifests are equally new",
      files: [file(`${E}/data/BILLING_PERIOD=2024-09/exec-1/a.parquet`), file(`${E}/data/BILLING_PERIOD=2024-09/exec-2/a.parquet`)],
      manifests: [
        exportManifest(`${E}/metadata/BILLING_PERIOD=2024-09/exec-1/cur2-Manifest.json`, "exec-1", [`${E}/data/BILLING_PERIOD=2024-09/exec-1/a.parquet`], 5),
        exportManifest(`${E}/metadata/BILLING_PERIOD=2024-09/exec-2/cur2-Manifest.json`, "exec-2", [`${E}/data/BILLING_PERIOD=2024-09/exec-2/a.parquet`], 5),
      ],
      error: "are equally new: cannot tell which delivery is current",
    },
  ])("refuses $title", ({ files, manifests, error }) => {
    expect(() => selectDeliveries(files, manifests)).toThrow(DeliveryError);
    expect(() => selectDeliveries(files, manifests)).toThrow(error);
  });
});
