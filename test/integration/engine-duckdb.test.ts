// The DuckDB engine against the PostgreSQL path: the same generated CUR exports (Parquet and CSV,
// with amounts that need rounding) imported the PostgreSQL way into one database and passed through
// DuckDB into others give the same facts, attribution, rollups and reconciliation, to the last digit.
// A bad line fails the pass with nothing written; an interrupted pass leaves earlier facts in force.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { importFiles } from "../../jobs/imports/import-files";
import { listLocalFiles } from "../../jobs/imports/local-files";
import { duckdbEngine } from "../../jobs/engines/duckdb-engine";
import { runEnginePass } from "../../jobs/engines/engine-pass";
import { seedOwnership } from "../bench/bench-database";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { passSnapshot, writeEngineExports, type EngineExports } from "../support/engine-exports";

const dir = mkdtempSync(join(tmpdir(), "engine-duckdb-"));
let exports: EngineExports;
const databases: TestDatabase[] = [];
const fresh = async () => {
  const database = await createTestDatabase();
  databases.push(database);
  await seedOwnership(database);
  return database;
};

beforeAll(async () => {
  exports = await writeEngineExports(dir, 20_000);
}, 120_000);
afterAll(async () => {
  for (const database of databases) await database.drop();
});

const filesOf = async (paths: string[]) => (await Promise.all(paths.map((path) => listLocalFiles(path)))).flat();

it("gives the PostgreSQL path's facts, attribution, rollups and reconciliation, from Parquet and from CSV", async () => {
  const postgresPath = await fresh();
  const { run: imported } = await importFiles(postgresPath, await filesOf(exports.parquet), { location: dir, format: "cur" });
  expect(imported.status, imported.error).toBe("succeeded");

  const fromParquet = await fresh();
  const folder = join(dir, "parquet");
  const { mkdirSync, renameSync } = await import("node:fs");
  mkdirSync(folder);
  for (const path of exports.parquet) renameSync(path, join(folder, path.split("/").at(-1)!));
  exports.parquet = exports.parquet.map((path) => join(folder, path.split("/").at(-1)!));
  const run = await runEnginePass(fromParquet, () => duckdbEngine(folder), { location: folder });
  expect(run.status, run.error).toBe("succeeded");
  const details = run.details as { tagKeys: string[]; resourceIds: boolean; periods: { period: string; lines: number; reconciled: boolean }[]; quality: { roundedValues: number }[] };
  expect(details.periods.map((period) => period.period)).toEqual(["2025-05-01", "2025-06-01"]);
  expect(details.periods.reduce((sum, period) => sum + period.lines, 0)).toBe(20_009);
  expect(details.periods.every((period) => period.reconciled)).toBe(true);
  expect(details.quality.reduce((sum, row) => sum + row.roundedValues, 0)).toBe(8); // 5 amounts, 3 of them in both unblended columns
  expect(details.tagKeys).toEqual(["Team", "env", "owner", "squad", "team"]);

  const expected = await passSnapshot(postgresPath, details.tagKeys, details.resourceIds);
  expect(expected.facts!.length).toBeGreaterThan(1000);
  const facts = await passSnapshot(fromParquet, details.tagKeys, details.resourceIds);
  for (const table of Object.keys(expected)) expect(facts[table], table).toEqual(expected[table]);
  // far fewer rows reach PostgreSQL than the export holds
  const [stored] = await queryRows<{ rows: number }>(fromParquet.db, sql`select count(*)::int as rows from cost_line_items`);
  expect(stored!.rows).toBe(expected.facts!.length);

  const fromCsv = await fresh();
  const csvRun = await runEnginePass(fromCsv, () => duckdbEngine(exports.csv), { location: dir });
  expect(csvRun.status, csvRun.error).toBe("succeeded");
  const csvFacts = await passSnapshot(fromCsv, details.tagKeys, details.resourceIds);
  for (const table of Object.keys(expected)) expect(csvFacts[table], table).toEqual(expected[table]);
}, 300_000);

it("refuses an export with a line missing a required field, naming it, and writes nothing", async () => {
  const database = await fresh();
  const bad = join(dir, "bad.csv");
  writeFileSync(bad, "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UnblendedCost,product/ProductName\n111,Usage,2025-06-01T00:00:00Z,1.5,EC2\n,Usage,2025-06-01T00:00:00Z,2,EC2\n");
  const run = await runEnginePass(database, () => duckdbEngine(bad), { location: bad });
  expect(run.status).toBe("failed");
  expect(run.error).toContain("1 line(s) without lineItem/UsageAccountId; nothing was written");
  const [stored] = await queryRows<{ rows: number }>(database.db, sql`select count(*)::int as rows from cost_line_items`);
  expect(stored!.rows).toBe(0);
});

it("a pass interrupted after its first billing period leaves the next period's previous facts in force", async () => {
  const database = await fresh();
  const first = await runEnginePass(database, () => duckdbEngine(exports.csv), { location: dir });
  expect(first.status, first.error).toBe("succeeded");
  const state = () => queryRows<{ period: string; batch: number; facts: number; unblended: string }>(database.db, sql`
    select b.billing_period::text as period, b.id::int as batch, count(li.*)::int as facts, trim_scale(sum(li.unblended_cost))::text as unblended
    from import_batches b join cost_line_items li on li.batch_id = b.id where b.status = 'imported' group by 1, 2 order by 1`);
  const before = await state();
  expect(before.map((row) => row.period)).toEqual(["2025-05-01", "2025-06-01"]);

  // June's facts come back broken (a day that is no date): May is rewritten, June's write rolls back.
  const broken = async () => {
    const engine = await duckdbEngine(exports.csv);
    return { ...engine, run: async (query: Parameters<typeof engine.run>[0]) => {
      const rows = await engine.run(query);
      if (!query.label.startsWith("facts")) return rows;
      return { ...rows, rows: rows.rows.map((row) => (row[0] === "2025-06-01" ? [row[0], "2025-06-99", ...row.slice(2)] : row)) };
    } };
  };
  const interrupted = await runEnginePass(database, broken, { location: dir });
  expect(interrupted.status).toBe("failed");
  expect(interrupted.details).toMatchObject({ periods: ["2025-05-01"] });
  const after = await state();
  expect(after[0]).toMatchObject({ period: "2025-05-01", facts: before[0]!.facts, unblended: before[0]!.unblended });
  expect(after[0]!.batch).not.toBe(before[0]!.batch); // May rewritten
  expect(after[1]).toEqual(before[1]); // June: the previous facts, untouched
  const [reconciled] = await queryRows<{ differs: number }>(database.db, sql`
    select count(*)::int as differs from (select day, sum(unblended_cost) as s from cost_line_items group by day) b
    full join (select day, sum(unblended_cost) as s from attributed_costs group by day) a using (day) where a.s is distinct from b.s`);
  expect(reconciled!.differs).toBe(0);
}, 300_000);
