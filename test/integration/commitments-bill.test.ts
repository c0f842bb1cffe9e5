// Reservations from an imported legacy CUR: three of 10 x c6i.large for March 2026, no upfront, partial
// upfront and all upfront, each 90% used at $0.07/h effective. The RIFee line bills only the recurring
// fee ($520.80, $260.40, $0), so the inventory adds the used part from the DiscountedUsage lines.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFromLocation } from "../../jobs/imports/import-location";
import { getInventory } from "../../jobs/commitments/get-commitments";
import { syncWatermarks, COST_EXPLORER_SOURCE } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const HEADER = ["bill/BillingPeriodStartDate", "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate", "product/ProductName", "product/regionCode", "lineItem/UsageType",
  "lineItem/UsageAmount", "lineItem/UnblendedCost", "reservation/EffectiveCost", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "reservation/UnusedRecurringFee"];
const EC2 = "Amazon Elastic Compute Cloud - Compute";
/** The month's fee line and one day of the usage it covered (6,696 of 7,440 hours, $468.72). */
const reservation = (region: string, prefix: string, recurring: string, unusedUpfront: string, unusedRecurring: string) => [
  ["2026-03-01", "111111111111", "RIFee", "2026-03-01T00:00:00Z", EC2, region, `${prefix}-HeavyUsage:c6i.large`, "7440", recurring, "", unusedUpfront, unusedRecurring],
  ["2026-03-01", "111111111111", "DiscountedUsage", "2026-03-15T00:00:00Z", EC2, region, `${prefix}-BoxUsage:c6i.large`, "6696", "0", "468.72", "", ""],
];
const ROWS = [
  ...reservation("eu-west-1", "EU", "520.80", "0", "52.08"),
  ...reservation("us-east-1", "USE1", "260.40", "26.04", "26.04"),
  ...reservation("us-west-2", "USW2", "0", "52.08", "0"),
];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  const path = join(mkdtempSync(join(tmpdir(), "tallyboard-ri-")), "cur.csv");
  writeFileSync(path, [HEADER, ...ROWS].map((row) => row.map((v) => `"${v}"`).join(",")).join("\n") + "\n");
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
  // March is complete: the last complete billing day is 2026-03-31.
  await database.db.insert(syncWatermarks).values({ source: COST_EXPLORER_SOURCE, syncedThrough: "2026-04-01" });
}, 120_000);
afterAll(async () => database?.drop());

describe("reservations from the imported bill", () => {
  it.each([
    ["eu-west-1", "NO_UPFRONT", "730.50"],
    ["us-east-1", "PARTIAL_UPFRONT", "767.03"],
    ["us-west-2", "ALL_UPFRONT", "780.03"],
  ])("%s (%s): $520.80 a month committed ($511.35 per 30.4375 days), 90% used, on-demand value %s", async (region, paymentOption, onDemand) => {
    const { inventory } = await getInventory(database.db);
    const ri = inventory.find((c) => c.kind === "reservation" && c.region === region);
    expect(ri).toMatchObject({ instanceType: "c6i.large", instances: "10", paymentOption, utilization: "0.9", monthlyCommitment: "511.35", monthlyUnused: "51.14", monthlyOnDemandEquivalent: onDemand });
  });
});
