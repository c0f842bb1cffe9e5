// Business inputs through every door (file, CSV upload, JSON push, CLI): idempotent upserts by
// natural key, and a bad row anywhere writes nothing and is named by line (or index) and column.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { BUSINESS_KINDS } from "../../jobs/business/business-kinds";
import { importBusinessFile } from "../../jobs/business/business-import";
import { loadDemoBusinessInputs } from "../../jobs/business/demo-business";
import { getBusinessTableForExport } from "../../db/queries/business-inputs";
import { createApp } from "../../api/app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const snapshot = async () => Object.fromEntries(await Promise.all(BUSINESS_KINDS.map(async (kind) => [kind, await getBusinessTableForExport(database.db, kind)] as const)));
const tmp = mkdtempSync(join(tmpdir(), "tallyboard-business-"));

beforeAll(async () => {
  database = await createTestDatabase();
  app = createApp(database, "demo");
});
afterAll(async () => database?.drop());

describe("business inputs", () => {
  it("loads the demo's five files into empty tables, and a second load changes nothing", async () => {
    const first = await loadDemoBusinessInputs(database.db, "fixtures/demo");
    expect(first.map((r) => [r.kind, r.rows])).toEqual([["operations", 2912], ["headcount", 280], ["revenue", 13], ["vendors", 11], ["goals", 8]]);
    const before = await snapshot();
    expect(await loadDemoBusinessInputs(database.db, "fixtures/demo")).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("re-importing a file upserts by natural key: same rows, same database", async () => {
    const before = await snapshot();
    for (const kind of BUSINESS_KINDS) await importBusinessFile(database.db, kind, `fixtures/demo/${kind === "revenue" ? "revenue" : kind}.csv`);
    expect(await snapshot()).toEqual(before);
  });

  it("the exported CSV imports back to the same table (round trip)", async () => {
    const before = await snapshot();
    for (const kind of BUSINESS_KINDS) {
      const csv = await (await app.request(`/api/business/${kind}/export`)).text();
      const upload = await app.request(`/api/business/${kind}/csv?fileName=${kind}-export.csv`, { method: "POST", body: csv, headers: { "content-type": "text/csv" } });
      expect(upload.status, kind).toBe(200);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a push of daily values inserts new days and updates an existing day in place", async () => {
    const rows = [
      { day: "2026-11-21", product: "freight-search", metric: "searches", team: "search", count: 1234 },
      { day: "2026-10-01", product: "freight-search", metric: "searches", team: "search", count: "999" },
    ];
    const response = await app.request("/api/business/operations", { method: "POST", body: JSON.stringify({ rows }), headers: { "content-type": "application/json" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ kind: "operations", file: "rows", rows: 2 });
    const ops = await getBusinessTableForExport(database.db, "operations");
    expect(ops).toHaveLength(2913);
    expect(ops.filter((o) => o.metric === "searches" && (o.day === "2026-10-01" || o.day === "2026-11-21")).map((o) => o.count)).toEqual(["999", "1234"]);
  });

  it("a pushed bad row writes nothing and is named as rows.<index>.<column>", async () => {
    const before = await snapshot();
    const rows = [
      { day: "2027-01-01", product: "p", metric: "searches", count: 1 },
      { day: "2027-01-02", product: "p", metric: "searches", count: -4 },
    ];
    const response = await app.request("/api/business/operations", { method: "POST", body: JSON.stringify({ rows }), headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "BAD_REQUEST", message: 'body field "rows.1.count": a whole number, 0 or more' });
    expect(await snapshot()).toEqual(before);
  });

  it("an uploaded file with a bad row on line 4 writes none of its rows and names line and column", async () => {
    const before = await snapshot();
    const csv = "month,team,engineers\n2030-01,search,4\n2030-01,quotes,5\n2030-01,booking,many\n";
    const response = await app.request("/api/business/headcount/csv?fileName=hris.csv", { method: "POST", body: csv });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe("hris.csv, line 4, column engineers: a whole number, 0 or more");
    expect(await snapshot()).toEqual(before);
  });

  it("an unknown kind is a 400 naming the field", async () => {
    const response = await app.request("/api/business/payroll/csv", { method: "POST", body: "a\n1\n" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('param field "kind"');
  });

  it("the CLI imports a file and rejects a bad one naming file, line and column", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, TALLYBOARD_SOURCE: "demo", DATA_DIR: join(tmp, "data"), LOG_LEVEL: "silent", DATABASE_URL: "" };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const good = join(tmp, "vendors.csv");
    writeFileSync(good, "name,monthly_cost_usd,category,team,renewal_date,production,start_date\nNew Relic,100.00,observability,observability,2027-01-01,yes,2026-01-01\n");
    const ok = await run("npx", ["tsx", "jobs/cli.ts", "business-import", "vendors", good], { env });
    expect(ok.stdout).toContain("vendors: 1 rows from vendors.csv");
    const bad = join(tmp, "goals.csv");
    writeFileSync(bad, "metric_key,target_value,applies_from\nengineer_overhead,900,2026-01-01\nengineer_overhead,=1+1,2026-02-01\n");
    const failure = await run("npx", ["tsx", "jobs/cli.ts", "business-import", "goals", bad], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining("goals.csv, line 3, column target_value: a decimal amount like 1234.56") });
  }, 120_000);
});
