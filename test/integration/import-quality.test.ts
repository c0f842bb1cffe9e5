// The data-quality report of every import, on generated exports whose totals are summed in the test:
// rows, periods, totals per period and per invoice, tag keys and owner keys, spend with no owner-like
// tag, columns ignored; stored on the run and served by the API; and its two warnings.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { createApp } from "../../api/app";
import { importFromLocation } from "../../jobs/imports/import-location";
import { parseOwnership } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import type { ImportQuality } from "../../db/domain/import-quality-report";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { EXPORTS_OWNERSHIP_YAML, writeCompanyExports } from "../support/exports-company";

let database: TestDatabase;
const root = mkdtempSync(join(tmpdir(), "tallyboard-quality-"));
const folder = (name: string) => {
  const path = join(root, name);
  mkdirSync(path);
  return path;
};

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, parseOwnership(EXPORTS_OWNERSHIP_YAML, "ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-11-18" });
});
afterAll(() => database.drop());

const qualityOf = async (location: string) => {
  const { run } = await importFromLocation(database, location);
  expect(run.error).toBeUndefined();
  return { runId: run.runId, quality: run.details!.quality as ImportQuality };
};

describe("an export with owner tags", () => {
  const dir = folder("tagged");
  const bill = writeCompanyExports(dir);
  let imported: { runId: number; quality: ImportQuality };
  beforeAll(async () => {
    imported = await qualityOf(dir);
  });

  it(`counts ${bill.rows} rows in 2 periods with their totals (${bill.byPeriod["2026-10-01"]} and ${bill.byPeriod["2026-11-01"]})`, () => {
    const { quality } = imported;
    expect(quality.rows).toBe(bill.rows);
    expect(quality.periods.map(({ period, unblended, amortized }) => ({ period, unblended, amortized }))).toEqual(
      Object.entries(bill.byPeriod).map(([period, total]) => ({ period, unblended: total, amortized: total })),
    );
    expect(quality.periods.reduce((sum, period) => sum + period.rows, 0)).toBe(bill.rows);
  });

  it("totals per invoice id (the invoiced October, the open November)", () => {
    const expected = Object.entries(bill.byInvoice).map(([invoiceId, total]) => ({ invoiceId: invoiceId || null, unblended: total }));
    expect(imported.quality.invoices?.map(({ invoiceId, unblended }) => ({ invoiceId, unblended }))).toEqual(expected);
  });

  it(`finds the tag keys, marks the ownership file's owner keys, and the spend with no owner-like tag (${bill.withoutOwnerTag})`, () => {
    const { quality } = imported;
    expect(quality.tagKeys).toEqual([
      { key: "env", ownerKey: false, ownerLike: false },
      { key: "owner", ownerKey: true, ownerLike: true },
      { key: "team", ownerKey: true, ownerLike: true },
    ]);
    expect(quality.ownerTagKeys).toEqual(["team", "owner"]);
    expect(quality.withoutOwnerTag).toEqual({ unblended: bill.withoutOwnerTag, share: new Decimal(bill.withoutOwnerTag).dividedBy(bill.total).toDecimalPlaces(4).toFixed() });
  });

  it("lists each file's tag columns and the columns no mapping reads; no warning", () => {
    const { quality } = imported;
    expect(quality.files.map((file) => file.name).sort()).toEqual([...bill.files].sort());
    for (const file of quality.files) {
      expect(file.tagColumns).toEqual(["resourceTags/user:team", "resourceTags/user:owner", "resourceTags/user:env"]);
      expect(file.ignoredColumns).toEqual(["lineItem/LineItemDescription", "pricing/term"]);
    }
    expect(quality.warnings).toEqual([]);
  });

  it("is stored on the run and served by GET /api/imports/:runId/quality (and /latest)", async () => {
    const app = createApp(database, "exports");
    for (const id of [String(imported.runId), "latest"]) {
      const response = await app.request(`/api/imports/${id}/quality`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ runId: imported.runId, status: "succeeded", quality: imported.quality });
    }
    const missing = await app.request("/api/imports/999999/quality");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toContain("import run 999999 has no quality report");
  });
});

describe("warnings", () => {
  it("a file with no tag columns at all, and no owner-tag key of the ownership file in any file", async () => {
    const dir = folder("untagged");
    const bill = writeCompanyExports(dir, { tagColumns: false });
    // The tagged import above holds these periods: these files restate them, without tags.
    const { quality } = await qualityOf(dir);
    expect(quality.tagKeys).toEqual([]);
    expect(quality.withoutOwnerTag).toEqual({ unblended: bill.total, share: "1" });
    expect(quality.warnings.map((warning) => [warning.code, warning.file])).toEqual([
      ["no-tag-columns", bill.files[0]],
      ["no-tag-columns", bill.files[1]],
      ["no-owner-tag-key", null],
    ]);
    expect(quality.warnings[0]!.message).toContain(`${bill.files[0]} has no tag columns at all`);
    expect(quality.warnings[2]!.message).toContain("no owner-tag key of the ownership file (team, owner) appears in any file");
  });
});

describe("tag keys", () => {
  it("lists exactly the tag keys some line carries: one carried by the last line only, none for columns no line fills", async () => {
    const dir = folder("rare-key");
    const header = "bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/ResourceId,lineItem/UnblendedCost,resourceTags/user:team,resourceTags/user:owner,resourceTags/user:rare";
    const lines = Array.from({ length: 300 }, (_, i) => {
      const day = `2026-09-${String((i % 30) + 1).padStart(2, "0")}`;
      return `2026-09-01T00:00:00Z,111111111111,Usage,${day}T00:00:00Z,AmazonEC2,i-0${i},1.25,payments,,${i === 299 ? "yes" : ""}`;
    });
    writeFileSync(join(dir, "september.csv"), [header, ...lines].join("\n") + "\n");
    const { quality } = await qualityOf(dir);
    expect(quality.rows).toBe(300);
    expect(quality.tagKeys.map((tagKey) => tagKey.key)).toEqual(["rare", "team"]);
  });
});

describe("spend with no owner-like tag", () => {
  it("counts a blank owner-like value as none, and adds up a period written by two files", async () => {
    const dir = folder("blank-owner");
    const csv = (rows: string[][]) => [["BillingPeriodStart", "ChargePeriodStart", "SubAccountId", "ServiceName", "ChargeCategory", "BilledCost", "EffectiveCost", "InvoiceId", "Tags"], ...rows]
      .map((fields) => fields.map((field) => `"${field.replaceAll('"', '""')}"`).join(","))
      .join("\n") + "\n";
    const row = (day: string, cost: string, tags: object): string[] => ["2026-08-01T00:00:00Z", `2026-08-${day}T00:00:00Z`, "111111111111", "Amazon EC2", "Usage", cost, cost, "INV-8", JSON.stringify(tags)];
    writeFileSync(join(dir, "focus-part-1.csv"), csv([row("03", "2.50", { team: "payments" }), row("04", "1.25", { team: "  ", owner: "" }), row("05", "0.75", { env: "production" })]));
    // squad is owner-like though the ownership file does not name it
    writeFileSync(join(dir, "focus-part-2.csv"), csv([row("06", "4.00", { squad: "search" }), row("07", "0.50", {})]));
    const { quality } = await qualityOf(dir);
    expect(quality.rows).toBe(5);
    expect(quality.periods).toEqual([{ period: "2026-08-01", rows: 5, unblended: "9", amortized: "9" }]);
    expect(quality.invoices).toEqual([{ invoiceId: "INV-8", rows: 5, unblended: "9", amortized: "9" }]);
    expect(quality.withoutOwnerTag).toEqual({ unblended: "2.5", share: "0.2778" });
  });
});

describe("owner keys in force", () => {
  it("lists the ownership file's keys in force over the months imported, each once: not a list that ended before them", async () => {
    // From December the file names costcenter instead of owner; the list in force before ends then.
    await applyOwnership(database.db, parseOwnership(EXPORTS_OWNERSHIP_YAML.replace("ownerTagKeys: [team, owner]", "ownerTagKeys: [team, costcenter]"), "ownership.yaml"), {
      source: OWNERSHIP_FILE_SOURCE,
      actor: "test",
      today: "2026-11-18",
      effectiveFrom: "2026-12-01",
    });
    const dir = folder("december");
    const lines = ["2026-12-01T00:00:00Z,111111111111,Usage,2026-12-02T00:00:00Z,AmazonEC2,i-01,2.00,,payments", "2026-12-01T00:00:00Z,111111111111,Usage,2026-12-03T00:00:00Z,AmazonEC2,i-02,3.00,search,"];
    writeFileSync(join(dir, "december.csv"), ["bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/ResourceId,lineItem/UnblendedCost,resourceTags/user:owner,resourceTags/user:costcenter", ...lines].join("\n") + "\n");
    const { quality } = await qualityOf(dir);
    expect(quality.ownerTagKeys).toEqual(["team", "costcenter"]);
    expect(quality.tagKeys).toEqual([
      { key: "costcenter", ownerKey: true, ownerLike: true },
      { key: "owner", ownerKey: false, ownerLike: true }, // a common spelling, not the file's key in December
    ]);
    expect(quality.withoutOwnerTag).toEqual({ unblended: "0", share: "0" });
  });
});
