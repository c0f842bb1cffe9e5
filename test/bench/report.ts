// The benchmark table: each figure next to its baseline and the target.
import type { ApiResult, FirstReadResult, FirstReads } from "./api-stage";
import type { ClusterResult } from "./cluster-stage";

interface Results extends Partial<PlainResults> {
  machine: { cpus: number; memoryGb: number; postgres?: string; node: string; load: { atStart: number[]; atEnd: number[] } };
  cluster?: ClusterResult;
}

/** The plain case's figures (absent in a --case cluster run). */
interface PlainResults {
  data: { rows: number; months: number; fileMb: number; partitions?: number; dailyRollupRows?: number; monthlyRollupRows?: number };
  import: { bareCopyS: number; bareCopyRowsPerS: number; parallelCopyConnections: number; parallelCopyS: number; parallelCopyRowsPerS: number; parallelRatio: number; totalS: number; importS: number; importRowsPerS: number; copyPassRowsPerS: number; qualityS: number; ratio: number };
  attribution: { inImportS: number; reattributeS: number; bareJoinS: number; ratio: number; inImportRatio: number };
  api: ApiResult;
  firstReads: FirstReadResult;
  duckdb: { seconds: number; rowsPerS: number; groups: number };
  parquet: { fileMb: number; importS: number; importRowsPerS: number; copyPassRowsPerS: number; ratio: number; ofCsvImport: number };
  duckdbEngine?: { parquetS: number; csvS: number; parquetPassS: number; facts: number; lines: number; equal: boolean; vsCsvImport: number; vsParquetImport: number; csvVsCsvImport: number };
}

/** The DuckDB engine's whole pass (read + group + write facts + attribution) against the PostgreSQL import + attribution. */
function engineRows(e: NonNullable<PlainResults["duckdbEngine"]>, importTotalS: number): [string, string, string][] {
  return [
    ["PostgreSQL path: import + attribution (CSV)", `${n(importTotalS, 1)} s`, "baseline"],
    ["DuckDB engine on the Parquet: pass + facts + attribution", `${n(e.parquetS, 1)} s (DuckDB ${n(e.parquetPassS, 1)} s); ${n(e.lines)} lines -> ${n(e.facts)} facts`, `${n(e.vsCsvImport, 1)}x faster (>= 3x: ${verdict(e.vsCsvImport >= 3)}); ${n(e.vsParquetImport, 1)}x the Parquet import; equal: ${e.equal ? "yes" : "NO"}`],
    ["DuckDB engine on the CSV", `${n(e.csvS, 1)} s`, `${n(e.csvVsCsvImport, 1)}x faster`],
  ];
}

const n = (value: number, digits = 0) => value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
/** The target for a dashboard read right after a sync or an import. */
const FIRST_READ_TARGET_MS = 100;
const firstRead = (f: FirstReads) => `p95 ${n(f.p95Ms, 1)} ms, p50 ${n(f.p50Ms, 1)} ms, max ${n(f.maxMs)} ms (${f.views} views, ${f.hits} cache hits)`;
const againstTarget = (f: FirstReads) => `${n(f.p95Ms / FIRST_READ_TARGET_MS, 2)}x of target p95 < ${FIRST_READ_TARGET_MS} ms: ${verdict(f.p95Ms < FIRST_READ_TARGET_MS)}`;

export function printTable(r: Results): void {
  console.log(`\nmachine: ${r.machine.cpus} CPUs, ${r.machine.memoryGb} GB, PostgreSQL ${r.machine.postgres}, Node ${r.machine.node}; load average ${load(r.machine.load.atStart)} at the start, ${load(r.machine.load.atEnd)} at the end`);
  if (r.data) printPlain(r as PlainResults);
  if (r.cluster) {
    const c = r.cluster;
    console.log(`\ncluster case: ${n(c.rows)} line items over the same months (${c.fileMb} MB CSV), ${n(c.splitRows)} of them split rows; ${n(c.throughPodsRows)} attributed rows through pods\n`);
    printRows(clusterRows(c));
  }
}

const load = (averages: number[]) => averages.map((average) => n(average, 2)).join(" / ");

function printRows(rows: [string, string, string][]): void {
  const width = [Math.max(...rows.map((row) => row[0].length)), Math.max(...rows.map((row) => row[1].length))];
  for (const [name, value, note] of rows) console.log(`${name.padEnd(width[0]!)}  ${value.padEnd(width[1]!)}  ${note}`);
}

/** The cluster case against its own baselines (the same file, the same database), with the plain case's targets. */
function clusterRows(c: ClusterResult): [string, string, string][] {
  return [
    ["cluster: bare COPY, 1 connection", `${n(c.rows / c.import.bareCopyS)} rows/s (${n(c.import.bareCopyS, 1)} s)`, "baseline"],
    [`cluster: bare COPY, ${c.import.parallelCopyConnections} connections`, `${n(c.rows / c.import.parallelCopyS)} rows/s (${n(c.import.parallelCopyS, 1)} s)`, "baseline: the machine's limit"],
    ["cluster: Tallyboard import (hash, one pass, split check)", `${n(c.import.importRowsPerS)} rows/s (${n(c.import.importS, 1)} s)`, `${n(c.import.parallelRatio * 100)}% of bare ${c.import.parallelCopyConnections}-conn (>= 50%: ${verdict(c.import.parallelRatio >= 0.5)}); ${n(c.import.ratio * 100)}% of bare 1-conn`],
    [`cluster: Tallyboard import of the same rows as Parquet (${c.parquet.fileMb} MB)`, `${n(c.parquet.importRowsPerS)} rows/s (${n(c.parquet.importS, 1)} s)`, `${n(c.parquet.ratio * 100)}% of bare CSV COPY; >= 50%: ${verdict(c.parquet.ratio >= 0.5)}; ${n(c.parquet.ofCsvImport * 100)}% of the CSV import; stored the same: ${c.parquet.equal ? "yes" : "NO"}`],
    ["cluster: bare INSERT ... SELECT rules join", `${n(c.attribution.bareJoinS, 1)} s`, "baseline"],
    ["cluster: attribution (through pods) + rollups (re-run)", `${n(c.attribution.reattributeS, 1)} s`, `${n(c.attribution.ratio, 2)}x bare; <= 2x: ${verdict(c.attribution.ratio <= 2)}`],
    ["cluster: attribution + rollups (inside import)", `${n(c.attribution.inImportS, 1)} s`, `${n(c.attribution.inImportRatio, 2)}x bare`],
    [
      "cluster: DuckDB engine on the Parquet: pass + facts + attribution",
      `${n(c.engine.seconds, 1)} s (DuckDB ${n(c.engine.passS, 1)} s); ${n(c.rows)} lines -> ${n(c.engine.facts)} facts (${n(c.engine.podFacts)} of pods)`,
      `${n(c.engine.vsImport, 1)}x faster than the CSV import + attribution; cluster cells equal: ${c.engine.equal ? "yes" : "NO"}`,
    ],
  ];
}

function printPlain(r: PlainResults): void {
  const rows: [string, string, string][] = [
    ["bare COPY (unindexed table), 1 connection", `${n(r.import.bareCopyRowsPerS)} rows/s (${n(r.import.bareCopyS, 1)} s)`, "baseline"],
    [`bare COPY, ${r.import.parallelCopyConnections} connections (the import's lanes)`, `${n(r.import.parallelCopyRowsPerS)} rows/s (${n(r.import.parallelCopyS, 1)} s)`, "baseline: the machine's limit"],
    ["Tallyboard import: hash + one pass (COPY, check, map)", `${n(r.import.importRowsPerS)} rows/s (${n(r.import.importS, 1)} s)`, `${n(r.import.parallelRatio * 100)}% of bare ${r.import.parallelCopyConnections}-conn (>= 50%: ${verdict(r.import.parallelRatio >= 0.5)}); ${n(r.import.ratio * 100)}% of bare 1-conn`],
    ["  of which the write pass (COPY+check+map+insert)", `${n(r.import.copyPassRowsPerS)} rows/s`, ""],
    ["  of which the quality report", `${n(r.import.qualityS, 1)} s`, ""],
    [`Tallyboard import of the same rows as Parquet (${r.parquet.fileMb} MB)`, `${n(r.parquet.importRowsPerS)} rows/s (${n(r.parquet.importS, 1)} s)`, `${n(r.parquet.ratio * 100)}% of bare CSV COPY; >= 50%: ${verdict(r.parquet.ratio >= 0.5)}; ${n(r.parquet.ofCsvImport * 100)}% of the CSV import`],
    ["  of which the write pass (DuckDB maps, lanes COPY into the new months)", `${n(r.parquet.copyPassRowsPerS)} rows/s`, ""],
    ["bare INSERT ... SELECT rules join", `${n(r.attribution.bareJoinS, 1)} s`, "baseline"],
    ["attribution + rollups (re-run)", `${n(r.attribution.reattributeS, 1)} s`, `${n(r.attribution.ratio, 2)}x bare; <= 2x: ${verdict(r.attribution.ratio <= 2)}`],
    ["attribution + rollups (inside import)", `${n(r.attribution.inImportS, 1)} s`, `${n(r.attribution.inImportRatio, 2)}x bare`],
    ...r.api.endpoints.map((e): [string, string, string] => [`API ${e.page}`, `p50 ${n(e.p50Ms, 1)} ms, p95 ${n(e.p95Ms, 1)} ms (${n(e.requests)} req, ${e.errors} errors); cache miss ${n(e.missMs)} ms`, `p95 < 50 ms: ${verdict(e.p95Ms < 50 && e.errors === 0)}`]),
    ["first read after a change, not warmed (cache miss)", firstRead(r.firstReads.notWarmed), `${againstTarget(r.firstReads.notWarmed)}; slowest ${r.firstReads.notWarmed.slowest}`],
    ["first read after a change, warmed", firstRead(r.firstReads.warmed), againstTarget(r.firstReads.warmed)],
    ["  warm round (all default views, after the change)", `${n(r.firstReads.warmed.warmMs)} ms (${r.firstReads.warmed.warmFailed} failed)`, ""],
    ["API server peak RSS (VmHWM)", `${n(r.api.peakRssMb)} MB`, `< 500 MB: ${verdict(r.api.peakRssMb < 500)}`],
    ...(r.duckdbEngine ? engineRows(r.duckdbEngine, r.import.totalS) : []),
    ["DuckDB on the CSV (analyst)", `${n(r.duckdb.seconds, 1)} s, ${n(r.duckdb.rowsPerS)} rows/s`, `${n(r.duckdb.groups)} groups`],
  ];
  console.log(`\n${n(r.data.rows)} line items over ${r.data.months} months (${r.data.fileMb} MB CSV); ${r.data.partitions} partitions; rollups: ${n(r.data.dailyRollupRows ?? 0)} daily, ${n(r.data.monthlyRollupRows ?? 0)} monthly rows\n`);
  printRows(rows);
}
