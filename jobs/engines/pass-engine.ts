// What an engine of the resource-level pass provides: the relations holding an export's lines (each
// with the layout its columns have), and a way to run the pass's SQL over them, rows back as text.
import type { ExportLayout } from "./export-layout";

export type EngineName = "postgres" | "duckdb" | "athena";

export interface PassQuery {
  sql: string;
  /** What the query is, for errors and the run record ("facts 2025-06", "quality"). */
  label: string;
}

export interface PassRows {
  columns: string[];
  rows: (string | null)[][];
}

export interface PassSource {
  /** The relation the SQL reads from. */
  from: string;
  layout: ExportLayout;
  /** A condition to add for one billing period (Athena's partitions); null when the source is read whole. */
  periodFilter: ((period: string) => string) | null;
  /** What the source is, for the run record (files, a table). */
  label: string;
}

export interface PassEngine {
  name: Exclude<EngineName, "postgres">;
  sources: PassSource[];
  run(query: PassQuery): Promise<PassRows>;
  /** Counts for the run record (Athena: queries, bytes scanned, dollars). */
  usage(): Record<string, unknown>;
  close(): Promise<void> | void;
}

export class EnginePassError extends Error {
  override name = "EnginePassError";
}
