// The public sample exports (fixtures/samples) imported through the CLI's path, checked against totals
// the test computes from the raw CSV itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { importFromLocation } from "../../jobs/imports/import-location";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { attributedTotal, readCsv, storedTotals, sum } from "../support/import-totals";

const CUR_SAMPLE = "fixtures/samples/aws-cur-legacy-sample.csv";
const FOCUS_SAMPLE = "fixtures/samples/focus-1.0-sample.csv";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("legacy CUR sample", () => {
  const raw = readCsv(CUR_SAMPLE);

  it("imports all 1,281 rows with unblended and amortized equal to the file's UnblendedCost (Usage and Tax only)", async () => {
    const { run } = await importFromLocation(database, CUR_SAMPLE);
    expect(run.error).toBeUndefined();
    expect(run.rowsWritten).toBe(1281);
    const expected = sum(raw, "lineItem/UnblendedCost");
    expect(await storedTotals(database.db, "cur")).toEqual({ rows: 1281, unblended: expected, amortized: expected, netAmortized: expected });
  });

  it("keeps the day of usage start, the product name and the line item type", async () => {
    const byType = await queryRows<{ record_type: string; n: string }>(database.db, sql`select record_type, count(*)::text as n from cost_line_items where source = 'cur' group by 1 order by 1`);
    expect(byType).toEqual([{ record_type: "Tax", n: "12" }, { record_type: "Usage", n: "1269" }]);
    const days = await queryRows<{ first: string; last: string }>(database.db, sql`select min(day)::text as first, max(day)::text as last from cost_line_items where source = 'cur'`);
    const rawDays = raw.map((row) => row["lineItem/UsageStartDate"]!.slice(0, 10)).sort();
    expect(days[0]).toEqual({ first: rawDays[0], last: rawDays[rawDays.length - 1] });
    const services = await queryRows<{ n: string }>(database.db, sql`select count(distinct service)::text as n from cost_line_items where source = 'cur'`);
    expect(Number(services[0]!.n)).toBe(new Set(raw.map((row) => row["product/ProductName"] || row["lineItem/ProductCode"])).size);
  });

  it("re-attributes the imported days so attribution reconciles", async () => {
    expect(await attributedTotal(database.db)).toBe((await storedTotals(database.db, "cur")).amortized);
  });

  it("reimporting the same file is a no-op", async () => {
    const before = await queryRows<{ n: string }>(database.db, sql`select count(*)::text as n from import_batches`);
    const { run } = await importFromLocation(database, CUR_SAMPLE);
    expect(run.status).toBe("succeeded");
    expect(run.rowsWritten).toBe(0);
    expect(run.details).toMatchObject({ files: [{ status: "unchanged" }] });
    expect(await queryRows(database.db, sql`select count(*)::text as n from import_batches`)).toEqual(before);
    expect((await storedTotals(database.db, "cur")).rows).toBe(1281);
  });
});

describe("FOCUS 1.0 sample (AWS, Microsoft, Oracle)", () => {
  const raw = readCsv(FOCUS_SAMPLE);

  it("imports 1,000 rows: unblended = BilledCost and amortized = EffectiveCost, totals from the raw file", async () => {
    const { run } = await importFromLocation(database, FOCUS_SAMPLE, { format: "focus" });
    expect(run.error).toBeUndefined();
    expect(run.rowsWritten).toBe(1000);
    const effective = sum(raw, "EffectiveCost");
    expect(await storedTotals(database.db, "focus")).toEqual({ rows: 1000, unblended: sum(raw, "BilledCost"), amortized: effective, netAmortized: effective });
    expect((await storedTotals(database.db, "cur")).rows).toBe(1281); // the other source is untouched
  });

  it("splits the file's two billing periods into two batches, and per-provider sums match", async () => {
    const batches = await queryRows<{ billing_period: string; rows: number }>(database.db, sql`select billing_period::text, rows from import_batches where source = 'focus' order by 1`);
    expect(batches).toEqual([{ billing_period: "2024-09-01", rows: 999 }, { billing_period: "2024-10-01", rows: 1 }]);
    for (const provider of ["AWS", "Microsoft", "Oracle"]) {
      const ids = [...new Set(raw.filter((row) => row.ProviderName === provider).map((row) => row.SubAccountId!))];
      const [stored] = await queryRows<{ total: string }>(database.db, sql`select coalesce(sum(unblended_cost), 0)::text as total from cost_line_items where source = 'focus' and account_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
      expect(new Decimal(stored!.total).toFixed(), provider).toBe(sum(raw.filter((row) => row.ProviderName === provider), "BilledCost"));
    }
  });

  it("keeps tag keys as written, nulls as nulls, and ChargeCategory as the record type", async () => {
    const rows = await queryRows<{ n: string }>(database.db, sql`select count(*)::text as n from cost_line_items where source = 'focus' and tags ? ' org'`);
    expect(Number(rows[0]!.n)).toBe(raw.filter((row) => row.Tags !== "NULL" && " org" in JSON.parse(row.Tags!)).length);
    const nullRegions = await queryRows<{ n: string }>(database.db, sql`select count(*)::text as n from cost_line_items where source = 'focus' and region = ''`);
    expect(Number(nullRegions[0]!.n)).toBe(raw.filter((row) => row.RegionId === "NULL").length);
    const credits = await queryRows<{ unblended_cost: string; amortized_cost: string; resource_id: string | null }>(database.db, sql`select unblended_cost::text, amortized_cost::text, resource_id from cost_line_items where source = 'focus' and record_type = 'Credit'`);
    expect(credits).toHaveLength(1);
    expect(new Decimal(credits[0]!.unblended_cost).toFixed()).toBe("-2.6137");
    expect(new Decimal(credits[0]!.amortized_cost).toFixed()).toBe("-3");
    expect(credits[0]!.resource_id).toBeNull();
    expect(await attributedTotal(database.db)).toBe(new Decimal((await storedTotals(database.db, "cur")).amortized).plus((await storedTotals(database.db, "focus")).amortized).toFixed());
  });
});
