// The scheduled import reads IMPORT_LOCATION under its own advisory lock; a second run is a no-op.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { runScheduledImport } from "../../jobs/imports/scheduled-import";
import { IMPORT_LOCK } from "../../jobs/imports/import-lock";
import type { Runtime } from "../../jobs/runtime";
import { listJobRuns } from "../../db/queries/job-runs";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { storedTotals } from "../support/import-totals";
import { cur2Parquet, cur2Rows } from "../support/cur2-files";
import { writeTree } from "../support/delivery-files";

const POSTGRES_PATH = { name: "postgres", athena: null };

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it("imports the folder on schedule, skips while another holder has the lock, and reruns as a no-op", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tallyboard-scheduled-"));
  writeFileSync(join(dir, "part-1.parquet"), cur2Parquet(cur2Rows("2024-09")));
  const runtime = { database, config: { importLocation: dir, engine: POSTGRES_PATH }, source: { name: "exports" } } as unknown as Runtime;
  await database.withAdvisoryLock(IMPORT_LOCK, () => runScheduledImport(runtime, "test"));
  expect((await storedTotals(database.db, "cur")).rows).toBe(0); // the lock was held: skipped
  await runScheduledImport(runtime, "test");
  await runScheduledImport(runtime, "test");
  expect((await storedTotals(database.db, "cur")).rows).toBe(4);
  const { runs } = await listJobRuns(database.db, { limit: 5 });
  expect(runs.filter((run) => run.job === "import").map((run) => [run.status, run.rowsWritten])).toEqual([["succeeded", 0], ["succeeded", 4]]);
});

it("a location with two deliveries of one period and no manifest is a failed run naming both, nothing written", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tallyboard-scheduled-"));
  const partition = "cur2/export/data/BILLING_PERIOD=2024-10";
  writeTree(dir, { [`${partition}/exec-1/part-1.parquet`]: cur2Parquet(cur2Rows("2024-10")), [`${partition}/exec-2/part-1.parquet`]: cur2Parquet(cur2Rows("2024-10", "2")) });
  const runtime = { database, config: { importLocation: dir, engine: POSTGRES_PATH }, source: { name: "exports" } } as unknown as Runtime;
  await runScheduledImport(runtime, "test");
  const { runs } = await listJobRuns(database.db, { limit: 1 });
  expect(runs[0]).toMatchObject({ job: "import", status: "failed", rowsWritten: 0 });
  expect(runs[0]!.error).toContain(`(${join(dir, partition, "exec-1")}, ${join(dir, partition, "exec-2")})`);
  expect((await storedTotals(database.db, "cur")).rows).toBe(4); // September only, from the first test
});

it("with PASS_ENGINE=duckdb the scheduled import runs the DuckDB pass over the location: grouped facts, recorded as an engine run", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tallyboard-scheduled-"));
  writeFileSync(join(dir, "part-1.parquet"), cur2Parquet(cur2Rows("2024-11")));
  const runtime = { database, config: { importLocation: dir, engine: { name: "duckdb", athena: null } }, source: { name: "exports" } } as unknown as Runtime;
  await runScheduledImport(runtime, "test");
  const { runs } = await listJobRuns(database.db, { limit: 1 });
  expect(runs[0]).toMatchObject({ job: "import", status: "succeeded", source: dir });
  expect(runs[0]!.details).toMatchObject({ engine: "duckdb", periods: [{ period: "2024-11-01", lines: 4 }] });
  const facts = await queryRows<{ lines: number }>(database.db, sql`select sum(line_count)::int as lines from cost_line_items where day >= '2024-11-01' and day < '2024-12-01'`);
  expect(facts[0]!.lines).toBe(4); // facts, each with the number of lines it stands for
});
