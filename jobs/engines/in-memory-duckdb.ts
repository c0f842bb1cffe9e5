// An in-memory DuckDB, its native library loaded on first use: the API and the scheduler hold it
// (about 20 MB) only once an import or a pass needs it.
import type { DuckDBInstance } from "@duckdb/node-api";

export async function inMemoryDuckDb(options: Record<string, string> = {}): Promise<DuckDBInstance> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  return DuckDBInstance.create(":memory:", options);
}
