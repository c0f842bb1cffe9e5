// The cluster case: the same measures as the plain case's write side, on a file half of whose line
// items are split cost allocation rows (generate-cluster-cur.ts), in a database of its own seeded with
// the plain case's rules plus the clusters' (namespace owners, cluster owners, idle policies): the
// import against a bare COPY of the same file, attribution + rollups against the bare join; then the
// import of the same rows as Parquet (DuckDB maps them, split columns too) into a database of its own;
// then the DuckDB engine's pass over that Parquet (grouped facts, attribution through pods) into another,
// its cluster attribution checked against the import's cell for cell.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { LANES } from "../../jobs/imports/sql-lanes";
import { createBenchDatabase, seedClusterOwnership, seedOwnership } from "./bench-database";
import { duckdbEngine } from "../../jobs/engines/duckdb-engine";
import { runEnginePass } from "../../jobs/engines/engine-pass";
import { generateClusterCur } from "./generate-cluster-cur";
import type { GeneratedFile } from "./generate-cur";
import { generateParquet } from "./generate-parquet";
import { bareCopy, bareJoin, importIntoNewDatabase, reattribute, storedTotals, tallyboardImport } from "./load-stages";

export interface ClusterResult {
  rows: number;
  splitRows: number;
  fileMb: number;
  generateS: number;
  /** attributed_costs rows decided through pods (pod label, namespace, cluster owner, idle) */
  throughPodsRows: number;
  import: { bareCopyS: number; parallelCopyS: number; parallelCopyConnections: number; totalS: number; importS: number; copyS: number; importRowsPerS: number; ratio: number; parallelRatio: number };
  attribution: { inImportS: number; reattributeS: number; bareJoinS: number; ratio: number; inImportRatio: number };
  /** The same rows as Parquet: its import against the bare COPY of the CSV (1 connection) and the CSV import; equal: both stored the same. */
  parquet: { fileMb: number; importS: number; importRowsPerS: number; ratio: number; ofCsvImport: number; equal: boolean };
  /** The DuckDB engine on the Parquet: pass + facts + attribution + rollups, against the CSV import + attribution; equal: every cluster cell the import's. */
  engine: { seconds: number; passS: number; facts: number; podFacts: number; vsImport: number; equal: boolean };
}

/** Every attributed cluster cell (day, team, cluster, namespace, decision, basis) with its exact sums, sorted. */
const clusterCells = async (database: Database) =>
  (
    await queryRows<{ row: string }>(
      database.db,
      sql`select concat_ws('|', day, team_id, cluster, namespace, decided_by, cluster_basis, sum(unblended_cost), sum(amortized_cost), sum(net_amortized_cost)) as row
          from attributed_costs where cluster is not null group by day, team_id, cluster, namespace, decided_by, cluster_basis order by 1`,
    )
  ).map((r) => r.row);

async function engineStage(adminUrl: string, parquetFile: GeneratedFile, imported: Database): Promise<Omit<ClusterResult["engine"], "vsImport">> {
  const bench = await createBenchDatabase(adminUrl);
  try {
    await seedClusters(bench.database);
    const started = performance.now();
    const run = await runEnginePass(bench.database, () => duckdbEngine(parquetFile.path), { location: parquetFile.path });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== "succeeded") throw new Error(`DuckDB engine pass over the cluster Parquet failed: ${run.error}`);
    const [facts] = await queryRows<{ all: number; pods: number }>(
      bench.database.db,
      sql`select count(*)::int as all, (count(*) filter (where parent_resource_id is not null))::int as pods from cost_line_items`,
    );
    const equal = JSON.stringify(await clusterCells(bench.database)) === JSON.stringify(await clusterCells(imported));
    return { seconds, passS: (run.details as { timings: { passMs: number } }).timings.passMs / 1000, facts: facts!.all, podFacts: facts!.pods, equal };
  } finally {
    await bench.drop();
  }
}

const seedClusters = async (database: Database) => {
  await seedOwnership(database);
  await seedClusterOwnership(database);
};

export async function clusterStage(adminUrl: string, dir: string, options: { rows: number; months: number; keep: boolean }, log: (message: string) => void): Promise<ClusterResult> {
  const { rows, months } = options;
  log(`cluster case: generating ${rows.toLocaleString("en")} CUR line items, half of them split cost allocation rows`);
  const started = performance.now();
  const file = await generateClusterCur(join(dir, `cur-cluster-${rows}.csv`), rows, { months, lastMonth: "2025-06" });
  const generateS = (performance.now() - started) / 1000;
  log("cluster case: writing the same rows as Parquet");
  const parquetFile = await generateParquet(file, join(dir, `cur-cluster-${rows}.parquet`));
  const bench = await createBenchDatabase(adminUrl);
  try {
    const { database } = bench;
    await seedClusters(database);
    log("cluster case: bare COPY, one connection");
    const bareCopyS = await bareCopy(bench.url, file);
    log(`cluster case: bare COPY, ${LANES} connections`);
    const parallelCopyS = await bareCopy(bench.url, file, LANES);
    log("cluster case: Tallyboard import (with the split check; attribution through pods, rollups)");
    const imported = await tallyboardImport(database, file);
    if (imported.splitMismatches > 0) throw new Error(`the generated cluster data failed the import's split check (${imported.splitMismatches} split-mismatch warnings)`);
    log("cluster case: re-attribution + rollups, then the bare join");
    const reattributeS = await reattribute(database, file);
    const bareJoinS = await bareJoin(database);
    const [counts] = await queryRows<{ split: number; pods: number }>(
      database.db,
      sql`select (select count(*)::int from cost_line_items where parent_resource_id is not null) as split,
            (select count(*)::int from attributed_costs where cluster is not null) as pods`,
    );
    const importS = imported.totalS - imported.attributionS;
    const stored = await storedTotals(database);
    log("cluster case: Tallyboard import of the same rows as Parquet (a database of its own, as a first load)");
    const parquet = await importIntoNewDatabase(adminUrl, parquetFile, seedClusters);
    if (parquet.splitMismatches > 0) throw new Error(`the Parquet cluster data failed the import's split check (${parquet.splitMismatches} split-mismatch warnings)`);
    log("cluster case: the DuckDB engine over the same Parquet (a database of its own)");
    const engine = await engineStage(adminUrl, parquetFile, database);
    return {
      rows,
      splitRows: counts?.split ?? 0,
      fileMb: Math.round(file.bytes / 2 ** 20),
      generateS,
      throughPodsRows: counts?.pods ?? 0,
      import: {
        bareCopyS, parallelCopyS, parallelCopyConnections: LANES, totalS: imported.totalS, importS, copyS: imported.copyS,
        importRowsPerS: rows / importS, ratio: bareCopyS / importS, parallelRatio: parallelCopyS / importS,
      },
      attribution: { inImportS: imported.attributionS, reattributeS, bareJoinS, ratio: reattributeS / bareJoinS, inImportRatio: imported.attributionS / bareJoinS },
      parquet: {
        fileMb: Math.round(parquetFile.bytes / 2 ** 20), importS: parquet.importS, importRowsPerS: rows / parquet.importS, ratio: bareCopyS / parquet.importS,
        ofCsvImport: importS / parquet.importS, equal: parquet.stored === stored,
      },
      engine: { ...engine, vsImport: imported.totalS / engine.seconds },
    };
  } finally {
    await bench.finish(options.keep);
    rmSync(file.path, { force: true });
    rmSync(parquetFile.path, { force: true });
  }
}
