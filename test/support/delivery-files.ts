// Export deliveries as AWS lays them out, for tests: legacy CUR and FOCUS CSV files whose totals scale
// with a factor, AWS-shaped manifests, and the tree written to a folder or a fake S3 bucket.
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import Decimal from "decimal.js";

const quote = (values: string[]) => values.map((value) => `"${value}"`).join(",");

/** A legacy CUR (gzip CSV) of `period` (yyyy-mm): usage 10.5 and tax 1.05, times `scale`. */
export function legacyCurGz(period: string, scale: string): Buffer {
  const header = ["bill/BillingPeriodStartDate", "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate", "product/ProductName", "lineItem/UnblendedCost"];
  const rows = [
    [`${period}-01T00:00:00Z`, "111111111111", "Usage", `${period}-02T10:00:00Z`, "Amazon EC2", new Decimal("10.5").times(scale).toFixed()],
    [`${period}-01T00:00:00Z`, "222222222222", "Tax", `${period}-03T00:00:00Z`, "Amazon EC2", new Decimal("1.05").times(scale).toFixed()],
  ];
  return gzipSync(Buffer.from([quote(header), ...rows.map(quote)].join("\n") + "\n"));
}

export const legacyCurTotal = (scale: string) => new Decimal("11.55").times(scale).toFixed();

/** A FOCUS 1.0 CSV of `period` with one row of `cost`. */
export function focusCsv(period: string, cost: string): Buffer {
  const header = ["BillingPeriodStart", "ChargePeriodStart", "SubAccountId", "ServiceName", "ChargeCategory", "BilledCost", "EffectiveCost"];
  return Buffer.from([quote(header), quote([`${period}-01T00:00:00Z`, `${period}-04T00:00:00Z`, "111111111111", "Amazon EC2", "Usage", cost, cost])].join("\n") + "\n");
}

/** A legacy CUR manifest: reportKeys are bucket-relative keys. */
export function legacyManifest(assemblyId: string, period: string, reportKeys: string[]): Buffer {
  const [year, month] = period.split("-").map(Number) as [number, number];
  const end = month === 12 ? `${year + 1}0101` : `${year}${String(month + 1).padStart(2, "0")}01`;
  return Buffer.from(JSON.stringify({
    assemblyId, account: "111111111111", columns: [{ category: "lineItem", name: "UnblendedCost", type: "BigDecimal" }], charset: "UTF-8", compression: "GZIP", contentType: "text/csv",
    reportId: "r", reportName: "report", billingPeriod: { start: `${period.replace("-", "")}01T000000.000Z`, end: `${end}T000000.000Z` }, bucket: "billing", reportKeys, additionalArtifactKeys: [],
  }));
}

/** A Data Exports manifest: dataFiles are full s3:// URIs. */
export function exportManifest(executionId: string, period: string, dataFiles: string[]): Buffer {
  return Buffer.from(JSON.stringify({
    executionId, exportArn: "arn:aws:bcm-data-exports:us-east-1:111111111111:export/cur2-abc", billingPeriod: { start: `${period}-01T00:00:00.000Z` },
    columns: [{ name: "line_item_unblended_cost", type: "double" }], dataFiles: dataFiles.map((key) => `s3://billing/${key}`), additionalOutputFiles: [],
  }));
}

/** Writes the files under `dir`; `modified` (seconds) orders deliveries as S3's LastModified would. */
export function writeTree(dir: string, files: Record<string, Buffer>, modified?: Record<string, number>): void {
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
    const at = modified?.[path];
    if (at !== undefined) utimesSync(join(dir, path), at, at);
  }
}
