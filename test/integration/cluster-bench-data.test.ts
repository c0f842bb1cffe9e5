// The benchmark's cluster case on a small scale, through the real import: half of the generated line
// items are split rows that pass the import's split check, the instances go through their pods by the
// seeded namespace and cluster rules (every idle policy), attributed = billed to the cent. And a window
// without split lines is read once by attribution: no second scan looking for them. The same rows as the
// bench's Parquet store and attribute the same (on PostgreSQL by the direct way, split columns mapped in DuckDB).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { importFiles } from "../../jobs/imports/import-files";
import { listLocalFiles } from "../../jobs/imports/local-files";
import { attributeAndReconcile } from "../../jobs/attribution/attribute-and-reconcile";
import type { ImportQuality } from "../../db/domain/import-quality-report";
import type { Reconciliation } from "../../jobs/attribution/reconcile";
import { generateClusterCur } from "../bench/generate-cluster-cur";
import { generateCur } from "../bench/generate-cur";
import { generateParquet } from "../bench/generate-parquet";
import { storedTotals } from "../bench/load-stages";
import { seedClusterOwnership, seedOwnership } from "../bench/bench-database";
import { createTestDatabase, usesPostgres, type TestDatabase } from "../support/test-database";

const ROWS = 20_000;
const dir = mkdtempSync(join(tmpdir(), "tallyboard-cluster-bench-"));
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedOwnership(database);
  await seedClusterOwnership(database);
});
afterAll(() => database.drop());

/** The window's line-item scans in this transaction: sequential and index scans of cost_line_items and its partitions. */
const lineItemScans = async (tx: DbOrTx) => {
  const [row] = await queryRows<{ scans: number }>(
    tx,
    sql`select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)::int as scans from pg_stat_xact_user_tables where relname like 'cost_line_items%'`,
  );
  return row?.scans ?? 0;
};

it("a plain month is attributed with one read of its line items (no second scan for split lines)", async () => {
  const file = await generateCur(join(dir, "plain.csv"), 5_000, { months: 1, lastMonth: "2025-03" });
  const { run } = await importFiles(database, await listLocalFiles(file.path), { location: file.path, format: "cur" });
  expect(run.status).toBe("succeeded");
  const scans = await database.db.transaction(async (tx) => {
    const before = await lineItemScans(tx);
    const { reconciliation } = await attributeAndReconcile(tx, { start: "2025-03-01", end: "2025-04-01" }, 0);
    expect(reconciliation.mismatches).toEqual([]);
    return (await lineItemScans(tx)) - before;
  });
  expect(scans).toBe(1);
});

it(`${ROWS.toLocaleString("en")} generated lines, half split rows, import without a split mismatch and go through their pods to the cent`, async () => {
  const file = await generateClusterCur(join(dir, "cluster.csv"), ROWS, { months: 1, lastMonth: "2025-06" });
  const { run } = await importFiles(database, await listLocalFiles(file.path), { location: file.path, format: "cur" });
  expect(run.error).toBeUndefined();
  const { quality, reconciliation } = run.details as { quality: ImportQuality; reconciliation: Reconciliation };
  expect(quality.warnings.filter((w) => w.code === "split-mismatch")).toEqual([]);
  expect(reconciliation.mismatches).toEqual([]);

  const [lines] = await queryRows<{ split: number; all: number }>(
    database.db,
    sql`select count(*) filter (where parent_resource_id is not null)::int as split, count(*)::int as all from cost_line_items where day >= '2025-06-01'`,
  );
  expect(lines).toEqual({ split: ROWS / 2, all: ROWS });
  const decided = await queryRows<{ decided: string }>(
    database.db,
    sql`select distinct decided_by as decided from attributed_costs where day >= '2025-06-01' and cluster is not null order by 1`,
  );
  // every way a pod's cost or its idle cost is decided (dev-eks has no owner: its unclaimed namespaces stay unattributed)
  expect(decided.map((row) => row.decided)).toEqual(["cluster", "idle", "namespace", "pod-label", "unattributed"]);
  // all of the instances' cost goes through their pods, none of it as instances; attributed = billed
  const [sums] = await queryRows<{ throughPods: string; instances: string; attributed: string; billed: string }>(
    database.db,
    sql`select (select trim_scale(sum(amortized_cost))::text from attributed_costs where day >= '2025-06-01' and cluster is not null) as "throughPods",
          (select trim_scale(sum(amortized_cost))::text from cost_line_items where day >= '2025-06-01' and resource_id like 'i-%') as instances,
          (select trim_scale(sum(amortized_cost))::text from attributed_costs where day >= '2025-06-01') as attributed,
          (select trim_scale(sum(amortized_cost))::text from cost_line_items where day >= '2025-06-01') as billed`,
  );
  expect(sums!.throughPods).toBe(sums!.instances);
  expect(sums!.attributed).toBe(sums!.billed);
  const idle = await queryRows<{ cluster: string; teams: number }>(
    database.db,
    sql`select cluster, count(distinct team_id)::int as teams from attributed_costs where decided_by = 'idle' and day >= '2025-06-01' group by 1 order by 1`,
  );
  // data-eks gives its idle cost to its owner; the others spread it over the teams with pods there
  expect(idle.find((row) => row.cluster === "data-eks")?.teams).toBe(1);
  expect(idle.filter((row) => row.cluster !== "data-eks").every((row) => row.teams > 1)).toBe(true);
});

it("the same lines as the bench's Parquet, each a first load, store and attribute the same as the CSV", async () => {
  const csv = await generateClusterCur(join(dir, "cluster-both.csv"), 8_000, { months: 1, lastMonth: "2025-05" });
  const parquet = await generateParquet(csv, join(dir, "cluster-both.parquet"));
  const outcomes = [];
  for (const file of [csv, parquet]) {
    const fresh = await createTestDatabase();
    try {
      await seedOwnership(fresh);
      await seedClusterOwnership(fresh);
      const { run } = await importFiles(fresh, await listLocalFiles(file.path), { location: file.path, format: "cur" });
      expect(run.error).toBeUndefined();
      const { quality, files } = run.details as { quality: ImportQuality; files: { parsedBy?: string }[] };
      expect(quality.warnings.filter((w) => w.code === "split-mismatch")).toEqual([]);
      const attributed = await queryRows<{ row: string }>(
        fresh.db,
        sql`select concat_ws('|', day, team_id, decided_by, cluster, namespace, sum(amortized_cost)) as row from attributed_costs group by day, team_id, decided_by, cluster, namespace order by 1`,
      );
      outcomes.push({ parsedBy: files[0]!.parsedBy, stored: await storedTotals(fresh), attributed: attributed.map((r) => r.row) });
    } finally {
      await fresh.drop();
    }
  }
  const [fromCsv, fromParquet] = outcomes;
  expect(fromParquet!.parsedBy).toBe(usesPostgres ? "duckdb" : "postgres");
  expect(JSON.parse(fromCsv!.stored)).toMatchObject({ lines: "8000", parents: "4000" });
  expect(fromParquet!.stored).toBe(fromCsv!.stored);
  expect(fromParquet!.attributed).toEqual(fromCsv!.attributed);
});
