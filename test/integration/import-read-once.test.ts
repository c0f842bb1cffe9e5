// A file no import has written under its name is read once, hashed as it is written; a name seen
// before is hashed first, so a rerun skips it unread by the write. The same content under a new name
// still counts as unchanged, and a file written while it is read is refused.
import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { importFiles } from "../../jobs/imports/import-files";
import { listLocalFiles } from "../../jobs/imports/local-files";
import type { ImportFile } from "../../jobs/imports/import-file";
import { hashFile } from "../../jobs/imports/scan-file";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { storedTotals } from "../support/import-totals";
import { cur2Csv, cur2Rows, totals } from "../support/cur2-files";

let database: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "tallyboard-read-once-"));
beforeAll(async () => {
  database = await createTestDatabase();
});
beforeEach(() => database.db.execute(sql`truncate cost_line_items, import_batches, attributed_costs`));
afterAll(() => database.drop());

/** The local file at `path`, counting how often it is opened. */
async function counted(path: string): Promise<{ file: ImportFile; opens: () => number }> {
  const [file] = await listLocalFiles(path);
  let opens = 0;
  return {
    file: { ...file!, open: () => (opens++, file!.open()) },
    opens: () => opens,
  };
}

const batches = () => queryRows<{ file: string; status: string; sha256: string }>(database.db, sql`select file_name as file, status, sha256 from import_batches order by id`);

it("a new file is read once and its batch records the hash of what was read; the rerun hashes it and writes nothing", async () => {
  const path = join(dir, "new.csv");
  writeFileSync(path, cur2Csv(cur2Rows("2024-09")));
  const first = await counted(path);
  const { run } = await importFiles(database, [first.file], { location: path });
  expect(run.error).toBeUndefined();
  expect(first.opens()).toBe(1);
  const [batch] = await batches();
  expect(batch).toMatchObject({ file: path, status: "imported", sha256: await hashFile(first.file) });

  const rerun = await counted(path);
  const again = await importFiles(database, [rerun.file], { location: path });
  expect(again.run.details).toMatchObject({ files: [{ status: "unchanged" }] });
  expect(rerun.opens()).toBe(1);
  expect(await batches()).toHaveLength(1);
});

it("the same content under a new name is unchanged, as when every file was hashed first: nothing written twice", async () => {
  const rows = cur2Rows("2024-10");
  const [original, copy] = [join(dir, "october.csv"), join(dir, "october-copy.csv")];
  writeFileSync(original, cur2Csv(rows));
  writeFileSync(copy, cur2Csv(rows));
  await importFiles(database, await listLocalFiles(original), { location: original });
  const { run } = await importFiles(database, await listLocalFiles(copy), { location: copy });
  expect(run.error).toBeUndefined();
  expect(run.details).toMatchObject({ files: [{ name: copy, status: "unchanged" }] });
  expect((await batches()).map((batch) => [batch.file, batch.status])).toEqual([[original, "imported"]]);
  expect(await storedTotals(database.db, "cur")).toMatchObject({ rows: rows.length, amortized: totals(rows).amortized });
});

it("a file written while it is read (its size or time changed) is refused, and nothing is written", async () => {
  const path = join(dir, "growing.csv");
  writeFileSync(path, cur2Csv(cur2Rows("2024-11")));
  let versions = 0;
  const file: ImportFile = { name: path, open: async () => createReadStream(path), version: async () => `version ${versions++}` };
  const { run } = await importFiles(database, [file], { location: path });
  expect(run.status).toBe("failed");
  expect(run.error).toContain(`${path} changed while it was being imported`);
  expect(await batches()).toEqual([]);
  expect(await storedTotals(database.db, "cur")).toMatchObject({ rows: 0 });
});
