// The quality report's warnings and its CLI lines, table-driven.
import { describe, expect, it } from "vitest";
import { qualityWarnings, type ImportQuality } from "../../db/domain/import-quality-report";
import { qualityLines } from "../../jobs/imports/quality/quality-lines";
import { ignoredColumns } from "../../jobs/imports/quality/columns-read";

const file = (name: string, tagColumns: string[]) => ({ name, format: "cur", tagColumns, ignoredColumns: [] });
const key = (name: string, ownerKey = false) => ({ key: name, ownerKey, ownerLike: ownerKey });

describe("qualityWarnings", () => {
  it.each([
    ["tag columns and an owner key found: none", [file("a.csv", ["resourceTags/user:team"])], [key("team", true)], ["team"], []],
    ["a file without tag columns", [file("a.csv", ["resourceTags/user:team"]), file("b.csv", [])], [key("team", true)], ["team"], ["no-tag-columns:b.csv"]],
    ["owner keys found nowhere", [file("a.csv", ["resourceTags/user:Team"])], [key("Team")], ["team", "owner"], ["no-owner-tag-key:"]],
    ["no owner keys configured: nothing to miss", [file("a.csv", ["Tags"])], [key("env")], [], []],
  ])("%s", (_, files, tagKeys, ownerKeys, expected) => {
    expect(qualityWarnings(files, tagKeys, ownerKeys).map((w) => `${w.code}:${w.file ?? ""}`)).toEqual(expected);
  });
});

it("columns no mapping reads are ignored; tag columns are read", () => {
  expect(ignoredColumns("cur", ["lineItem/UnblendedCost", "resourceTags/user:team", "bill/InvoiceId", "pricing/term"])).toEqual(["pricing/term"]);
  expect(ignoredColumns("focus", ["BilledCost", "Tags", "x_ServiceCode"])).toEqual(["x_ServiceCode"]);
});

it("the CLI lines: periods, invoices, tag keys, the spend with no owner tag as a percentage, warnings last", () => {
  const quality: ImportQuality = {
    rows: 3,
    periods: [{ period: "2026-10-01", rows: 3, unblended: "10.5", amortized: "9" }],
    invoices: [{ invoiceId: null, rows: 3, unblended: "10.5", amortized: "9" }],
    tagKeys: [key("team", true), key("env")],
    ownerTagKeys: ["team"],
    withoutOwnerTag: { unblended: "2.1", share: "0.2" },
    files: [{ name: "a.csv", format: "cur", tagColumns: [], ignoredColumns: ["pricing/term"] }],
    warnings: [{ code: "no-tag-columns", file: "a.csv", message: "a.csv has no tag columns at all" }],
  };
  expect(qualityLines(quality)).toEqual([
    "data quality: 3 rows, 1 billing period(s)",
    "  period 2026-10: 3 rows, unblended 10.5, amortized 9",
    "  invoice (not invoiced yet): 3 rows, unblended 10.5",
    "  tag keys: team (owner key), env",
    "  spend with no owner-like tag: 2.1 (20.00% of the spend)",
    "  a.csv: 1 column(s) ignored: pricing/term",
    "WARNING: a.csv has no tag columns at all",
  ]);
});
