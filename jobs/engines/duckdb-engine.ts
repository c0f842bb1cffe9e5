// The DuckDB engine: the pass over local Parquet / CSV export files (a laptop, or one large machine).
import { listLocalFiles } from "../imports/local-files";
import { DuckDbExports } from "./duckdb-pass";
import type { PassEngine } from "./pass-engine";

/** Export files only (manifests and other files at the location are not read). */
const EXPORT_FILE = /\.(parquet|csv|csv\.gz)$/i;

/** `location`: a folder or file of exports, or several. */
export async function duckdbEngine(location: string | string[], options: { threads?: number } = {}): Promise<PassEngine> {
  const locations = Array.isArray(location) ? location : [location];
  const paths = (await Promise.all(locations.map((one) => listLocalFiles(one)))).flat().map((file) => file.name).filter((name) => EXPORT_FILE.test(name));
  if (paths.length === 0) throw new Error(`${locations.join(", ")}: no Parquet or CSV export files`);
  const exports = await DuckDbExports.open(paths, options);
  let queries = 0;
  return {
    name: "duckdb",
    sources: exports.views.map((view) => ({ from: view.name, layout: view.layout, periodFilter: null, label: view.files.length === 1 ? view.files[0]! : `${view.files.length} files (${view.files[0]}, ...)` })),
    run: (query) => {
      queries++;
      return exports.run(query);
    },
    usage: () => ({ queries, files: paths.length }),
    close: () => exports.close(),
  };
}
