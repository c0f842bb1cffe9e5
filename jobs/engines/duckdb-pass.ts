// The resource-level pass on DuckDB, over local Parquet or CSV export files: one view per set of
// files sharing a header, the pass's portable SQL (pass-sql.ts) over it, the grouped facts and the
// quality totals back as text. Columns are read by position under plain aliases (c_0..c_N): DuckDB
// matches names without regard to case and renames `resourceTags/user:Team` beside `.../user:team`.
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { createReadStream } from "node:fs";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { inMemoryDuckDb } from "./in-memory-duckdb";
import { parse } from "csv-parse";
import { schemaNames } from "../imports/parquet-to-csv";
import { exportLayout, type ExportLayout } from "./export-layout";
import type { PassQuery, PassRows } from "./pass-engine";

const quoted = (path: string) => path.replaceAll("'", "''");
/** Columns that hold a map: JSON text in CSV exports, read as MAP so the pass's map access works. */
const MAP_COLUMNS = new Set(["resource_tags", "product", "cost_category", "Tags"]);

async function isParquet(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.toString("latin1") === "PAR1";
  } finally {
    await handle.close();
  }
}

/** The header of a CSV export (gzip or plain) as written, names that differ only in case kept apart. */
async function csvHeader(path: string): Promise<string[]> {
  const input = createReadStream(path);
  const source = path.endsWith(".gz") ? input.pipe(createGunzip()) : input;
  const parser = source.pipe(parse({ to_line: 1, bom: true }));
  for await (const record of parser as AsyncIterable<string[]>) {
    input.destroy();
    return record;
  }
  throw new Error(`${path}: no header line`);
}

interface FileGroup {
  parquet: boolean;
  header: string[];
  paths: string[];
}

/** An open DuckDB over a set of export files: one view per header, each with its layout. */
export class DuckDbExports {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly views: { name: string; layout: ExportLayout; files: string[] }[],
  ) {}

  static async open(paths: string[], options: { threads?: number } = {}): Promise<DuckDbExports> {
    if (paths.length === 0) throw new Error("no export files to read");
    const instance = await inMemoryDuckDb(options.threads ? { threads: String(options.threads) } : {});
    const connection = await instance.connect();
    try {
      await connection.run("set TimeZone = 'UTC'");
      const groups = new Map<string, FileGroup>();
      for (const path of paths) {
        if (/\.zip$/i.test(path)) throw new Error(`${path}: zip archives are read by the import, not the DuckDB engine (unzip it first)`);
        const parquet = await isParquet(path);
        const header = parquet ? await schemaNames(connection, quoted(path)) : await csvHeader(path);
        const key = JSON.stringify([parquet, header]);
        if (!groups.has(key)) groups.set(key, { parquet, header, paths: [] });
        groups.get(key)!.paths.push(path);
      }
      const views: DuckDbExports["views"] = [];
      for (const group of groups.values()) {
        const name = `export_lines_${views.length}`;
        const list = `[${group.paths.map((path) => `'${quoted(path)}'`).join(", ")}]`;
        const source = group.parquet ? `read_parquet(${list}, hive_partitioning = false)` : `read_csv(${list}, header = true, all_varchar = true, auto_detect = false, columns = {${group.header.map((_, i) => `'c${i}': 'VARCHAR'`).join(", ")}})`;
        const read = (await connection.runAndReadAll(`describe select * from ${source}`)).getRowObjects().map((row) => String(row.column_name));
        if (read.length !== group.header.length) throw new Error(`${group.paths[0]}: the header has ${group.header.length} columns, DuckDB read ${read.length}`);
        const select = group.header.map((column, i) => {
          const value = `"${read[i]!.replaceAll('"', '""')}"`;
          return !group.parquet && MAP_COLUMNS.has(column) ? `cast(json(${value}) as map(varchar, varchar)) as c_${i}` : `${value} as c_${i}`;
        });
        await connection.run(`create view ${name} as select ${select.join(", ")} from ${source}`);
        views.push({ name, layout: exportLayout(group.header, (column) => `c_${group.header.indexOf(column)}`), files: group.paths });
      }
      return new DuckDbExports(instance, connection, views);
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      throw error;
    }
  }

  /** Runs one query of the pass; rows as text. */
  async run(query: PassQuery): Promise<PassRows> {
    const reader = await this.connection.runAndReadAll(query.sql);
    return { columns: reader.columnNames(), rows: reader.getRows().map((row) => row.map((value) => (value === null ? null : String(value)))) };
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
