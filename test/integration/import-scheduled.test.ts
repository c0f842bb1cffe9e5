// The scheduled import reads IMPORT_LOCATION under its own advisory lock; a second run is a no-op.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runScheduledImport, IMPORT_LOCK } from "../../jobs/imports/scheduled-import";
import type { Runtime } from "../../jobs/runtime";
import { listJobRuns } from "../../db/queries/job-runs";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { storedTotals } from "../support/import-totals";
import { cur2Parquet, cur2Rows } from "../support/cur2-files";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it("imports the folder on schedule, skips while another holder has the lock, and reruns as a no-op", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tallyboard-scheduled-"));
  writeFileSync(join(dir, "part-1.parquet"), cur2Parquet(cur2Rows("2024-09")));
  const runtime = { database, config: { importLocation: dir } } as unknown as Runtime;
  await database.withAdvisoryLock(IMPORT_LOCK, () => runScheduledImport(runtime, "test"));
  expect((await storedTotals(database.db, "cur")).rows).toBe(0); // the lock was held: skipped
  await runScheduledImport(runtime, "test");
  await runScheduledImport(runtime, "test");
  expect((await storedTotals(database.db, "cur")).rows).toBe(4);
  const { runs } = await listJobRuns(database.db, { limit: 5 });
  expect(runs.filter((run) => run.job === "import").map((run) => [run.status, run.rowsWritten])).toEqual([["succeeded", 0], ["succeeded", 4]]);
});
