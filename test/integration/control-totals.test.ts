// Attribution against a control total it did not produce: the demo bill through the sync matches
// Cost Explorer's ungrouped per-account totals to the cent, and an export imported twice (which the
// internal reconciliation cannot see: every line it grouped is attributed) is caught per day and account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { demoSource } from "../../jobs/sources/billing-source";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { importFiles } from "../../jobs/imports/import-files";
import { listLocalFiles } from "../../jobs/imports/local-files";
import type { Reconciliation } from "../../jobs/attribution/reconcile";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
const folder = mkdtempSync(join(tmpdir(), "control-totals-"));
const window = { start: "2026-10-01", end: "2026-11-01" };

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-11-21" });
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await database?.drop();
});

const reconciliationOf = (details: Record<string, unknown> | undefined) => details?.["reconciliation"] as Reconciliation;

describe("control totals", () => {
  it("a Cost Explorer sync matches the ungrouped per-account totals on every day and account", async () => {
    const run = await syncCosts(database, demoSource("fixtures/demo"), { restatementDays: 5, historyMonths: 13, retry: { retries: 0, baseDelayMs: 0 }, window });
    expect(run.error).toBeUndefined();
    const { control, billedUnblended } = reconciliationOf(run.details);
    const [accounts] = await queryRows<{ n: string }>(database.db, sql`select count(distinct (day, account_id))::text as n from cost_line_items`);
    expect(control).toMatchObject({ source: "cost-explorer", daysChecked: 31, accountDaysChecked: Number(accounts!.n), mismatchCount: 0, mismatches: [] });
    expect(new Decimal(control!.controlUnblended).equals(billedUnblended)).toBe(true);
  }, 240_000);

  it("an export that holds an account-day twice passes the internal reconciliation but not the control", async () => {
    const [target] = await queryRows<{ account: string; unblended: string }>(
      database.db,
      sql`select account_id as account, sum(unblended_cost)::text as unblended from cost_line_items where day = '2026-10-15' group by 1 order by 2 desc limit 1`,
    );
    const header = "bill/BillingPeriodStartDate,lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/LineItemType,product/ProductName,lineItem/UnblendedCost";
    const line = `2026-10-01T00:00:00Z,2026-10-15T00:00:00Z,${target!.account},Usage,Amazon Elastic Compute Cloud,${target!.unblended}`;
    writeFileSync(join(folder, "twice.csv"), [header, line, line, ""].join("\n"));
    const { run } = await importFiles(database, await listLocalFiles(folder), { location: folder });
    expect(run.error).toBeUndefined();
    const { mismatches, control } = reconciliationOf(run.details);
    expect(mismatches).toEqual([]);
    expect(control!.mismatchCount).toBeGreaterThan(0);
    expect(control!.mismatches).toContainEqual({
      day: "2026-10-15",
      accountId: target!.account,
      measure: "unblended",
      control: expect.any(String),
      attributed: expect.any(String),
    });
    const shown = control!.mismatches.find((m) => m.day === "2026-10-15" && m.accountId === target!.account && m.measure === "unblended")!;
    expect(new Decimal(shown.control).equals(target!.unblended)).toBe(true);
    expect(new Decimal(shown.attributed).equals(new Decimal(target!.unblended).times(2))).toBe(true);
  }, 240_000);
});
