// npm run bench [-- --rows 1000000 --months 3 --seconds 15 --case plain|cluster|all --keep]: generates
// CUR-shaped data, measures Tallyboard against the machine's own baselines on a real PostgreSQL, prints
// a table and saves the figures to bench-results/. Not a test: numbers, not assertions. The plain case
// measures the whole product (import, attribution, API, Parquet, DuckDB); the cluster case the write
// side on a file half of whose lines are split cost allocation rows (cluster-stage.ts). Default: both.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { addDays, firstOfMonth } from "../../db/calendar";
import { generateCur } from "./generate-cur";
import { generateParquet } from "./generate-parquet";
import { createBenchDatabase, markBilledThrough, seedOwnership } from "./bench-database";
import { bareCopy, bareJoin, importIntoNewDatabase, reattribute, tallyboardImport } from "./load-stages";
import { benchmarkApi, benchmarkFirstReads } from "./api-stage";
import { defaultViews } from "../../api/default-views";
import { bumpReadModelVersion } from "../../db/read-model-version";
import { duckdbAggregate } from "./duckdb-stage";
import { printTable } from "./report";
import { duckdbEngineStage } from "./engine-stage";
import { LANES } from "../../jobs/imports/sql-lanes";
import { clusterStage } from "./cluster-stage";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    months: { type: "string", default: "3" },
    seconds: { type: "string", default: "15" },
    connections: { type: "string", default: "20" },
    case: { type: "string", default: "all" }, // plain, cluster, or all (both, in one run)
    keep: { type: "boolean", default: false }, // keep the database (for poking at plans)
  },
});
const CASES = ["plain", "cluster", "all"];
if (!CASES.includes(args.case)) throw new Error(`--case must be one of ${CASES.join(", ")}, not "${args.case}"`);
const rows = Number(args.rows);
const months = Number(args.months);
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres";
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const dir = join(tmpdir(), "tallyboard-bench");
mkdirSync(dir, { recursive: true });

const at = new Date().toISOString();
const loadAtStart = loadavg();
const plain = args.case === "cluster" ? undefined : await plainCase();
const cluster = args.case === "plain" ? undefined : await clusterStage(adminUrl, dir, { rows, months, keep: args.keep }, log);
const results = {
  at,
  case: args.case,
  machine: {
    cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), postgres: await serverVersion(), node: process.version,
    // the 1, 5 and 15 minute load averages when the run started and ended: on a shared machine, compare only ratios of one run
    load: { atStart: loadAtStart, atEnd: loadavg() },
  },
  ...plain,
  cluster,
};
mkdirSync("bench-results", { recursive: true });
const out = join("bench-results", `bench-${args.case === "all" ? "" : `${args.case}-`}${rows}-${at.replaceAll(":", "-").slice(0, 19)}.json`);
writeFileSync(out, JSON.stringify(results, null, 2));
printTable(results);
console.log(`\nsaved ${out}`);

/** Import, attribution, API, first reads, DuckDB, the Parquet import and the DuckDB engine on the plain file. */
async function plainCase() {
  log(`generating ${rows.toLocaleString("en")} CUR line items`);
  const started = performance.now();
  const file = await generateCur(join(dir, `cur-${rows}.csv`), rows, { months, lastMonth: "2025-06" });
  const generateS = (performance.now() - started) / 1000;
  log("writing the same rows as Parquet");
  const parquetFile = await generateParquet(file, join(dir, `cur-${rows}.parquet`));

  const bench = await createBenchDatabase(adminUrl);
  try {
    const { database } = bench;
    await seedOwnership(database);
    log("bare COPY, one connection");
    const bareCopyS = await bareCopy(bench.url, file);
    log(`bare COPY, ${LANES} connections (the import's lanes)`);
    const parallelCopyS = await bareCopy(bench.url, file, LANES);
    log("Tallyboard import (hash, one pass: COPY, check, map; attribution, rollups)");
    const imported = await tallyboardImport(database, file);
    await markBilledThrough(database, file.lastDay);
    log("re-attribution + rollups, then the bare join");
    const reattributeS = await reattribute(database, file);
    const bareJoinS = await bareJoin(database);
    const [counts] = await queryRows<{ partitions: number; daily: number; monthly: number }>(
      database.db,
      sql`select (select count(*)::int from pg_inherits where inhparent = 'cost_line_items'::regclass) as partitions,
            (select count(*)::int from cost_rollup_daily) as daily, (select count(*)::int from cost_rollup_monthly) as monthly`,
    );
    log("API latency");
    const lastDay = file.lastDay;
    const api = await benchmarkApi(
      bench.url,
      [
        { page: "overview", path: "/api/overview?months=6" },
        { page: "team detail (90 days)", path: `/api/teams/team-07?from=${addDays(lastDay, -89)}&to=${lastDay}` },
        { page: "ownership (2 months)", path: `/api/ownership/summary?from=${firstOfMonth(addDays(lastDay, -59))}&to=${lastDay}` },
      ],
      { connections: Number(args.connections), seconds: Number(args.seconds) },
    );
    log("first reads of the pages' default views after a change: without and with the cache warmer");
    const views = await defaultViews(database.db);
    const firstReads = await benchmarkFirstReads(bench.url, views, () => database.db.transaction((tx) => bumpReadModelVersion(tx)));
    log("DuckDB");
    const duck = await duckdbAggregate(file);
    log("Tallyboard import of the Parquet file (a database of its own, as a first load)");
    const { stored: _stored, ...parquet } = await importIntoNewDatabase(adminUrl, parquetFile, seedOwnership);
    log("DuckDB engine: the resource-level pass over the Parquet and CSV exports, facts into PostgreSQL, attribution");
    const engine = await duckdbEngineStage(adminUrl, { csv: file, parquet: parquetFile }, database);

    const importS = imported.totalS - imported.attributionS; // hash + one pass: COPY, check, map, insert
    return {
      data: { rows, months, fileMb: Math.round(file.bytes / 2 ** 20), generateS, partitions: counts?.partitions, dailyRollupRows: counts?.daily, monthlyRollupRows: counts?.monthly },
      import: {
        bareCopyS,
        bareCopyRowsPerS: rows / bareCopyS,
        parallelCopyConnections: LANES,
        parallelCopyS,
        parallelCopyRowsPerS: rows / parallelCopyS,
        ...imported,
        importS,
        importRowsPerS: rows / importS,
        copyPassRowsPerS: rows / imported.copyS,
        ratio: bareCopyS / importS,
        parallelRatio: parallelCopyS / importS,
      },
      attribution: { inImportS: imported.attributionS, reattributeS, bareJoinS, ratio: reattributeS / bareJoinS, inImportRatio: imported.attributionS / bareJoinS },
      api,
      firstReads,
      duckdb: { ...duck, rowsPerS: rows / duck.seconds },
      parquet: { fileMb: Math.round(parquetFile.bytes / 2 ** 20), ...parquet, importRowsPerS: rows / parquet.importS, copyPassRowsPerS: rows / parquet.copyS, ratio: bareCopyS / parquet.importS, ofCsvImport: importS / parquet.importS },
      // the whole pass against today's PostgreSQL import + attribution of the same rows (target >= 3x)
      duckdbEngine: { ...engine, vsCsvImport: imported.totalS / engine.parquetS, vsParquetImport: parquet.totalS / engine.parquetS, csvVsCsvImport: imported.totalS / engine.csvS },
    };
  } finally {
    await bench.finish(args.keep);
    rmSync(file.path, { force: true });
    rmSync(parquetFile.path, { force: true });
  }
}

async function serverVersion(): Promise<string | undefined> {
  const client = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client<{ version: string }[]>`select current_setting('server_version') as version`;
    return row?.version;
  } finally {
    await client.end();
  }
}
