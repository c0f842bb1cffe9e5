// Text rows (from a CSV file or the push API) into typed rows; the first problem names the file,
// line and column and nothing is written (invariant I6).
import { parse } from "csv-parse/sync";
import { ImportError } from "../imports/import-error";
import { allColumns, businessRowSchemas, naturalKey, requiredColumns, type BusinessKind, type BusinessRow } from "./business-kinds";

export interface NumberedInput {
  /** 1-based line in the file (the header is line 1), or the item's index in a pushed array. */
  line: number;
  record: Record<string, unknown>;
}

export function validateBusinessRows<K extends BusinessKind>(kind: K, fileName: string, inputs: readonly NumberedInput[]): BusinessRow<K>[] {
  const schema = businessRowSchemas[kind];
  const seen = new Map<string, number>();
  return inputs.map(({ line, record }) => {
    const result = schema.safeParse(record);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new ImportError(fileName, line, String(issue.path[0] ?? "(row)"), issue.message);
    }
    const row = result.data as BusinessRow<K>;
    const key = naturalKey(kind, row as Record<string, unknown>);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new ImportError(fileName, line, null, `repeats the row on line ${earlier} (same ${kindKeyLabel[kind]})`);
    seen.set(key, line);
    return row;
  });
}

const kindKeyLabel: Record<BusinessKind, string> = {
  operations: "day, product, metric and team",
  headcount: "month and team",
  revenue: "month",
  vendors: "name and start_date",
  goals: "metric_key and applies_from",
};

/** Why a column that older files lack is needed, for the missing-column error. */
const columnHints: Record<string, string> = {
  start_date: ": the first day each vendor contract is in force, so past months count only the contracts of their time",
};

/** Parses a whole CSV file (header row first) and validates every row before anything is written. */
export function parseBusinessCsv<K extends BusinessKind>(kind: K, fileName: string, content: string | Buffer): BusinessRow<K>[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    records = parse(content, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      columns: (names: string[]) => (header = names.map((name) => name.trim())),
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new ImportError(fileName, e.lines ?? null, null, e.message);
  }
  if (header.length === 0) throw new ImportError(fileName, 1, null, "the file is empty: expected a header row");
  const missing = requiredColumns[kind].filter((column) => !header.includes(column));
  if (missing.length > 0) throw new ImportError(fileName, 1, missing[0]!, `missing column${columnHints[missing[0]!] ?? ""} (a ${kind} file has ${allColumns[kind].join(", ")})`);
  const unknown = header.find((column) => !allColumns[kind].includes(column));
  if (unknown !== undefined) throw new ImportError(fileName, 1, unknown, `unknown column (a ${kind} file has ${allColumns[kind].join(", ")})`);
  const inputs = records.map(({ record, info }) => ({ line: info.lines, record: withoutEmptyOptionals(record) }));
  return validateBusinessRows(kind, fileName, inputs);
}

/** An empty optional cell means "not given", so defaults apply. */
function withoutEmptyOptionals(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([column, value]) => !(value.trim() === "" && (column === "unit_n"))));
}
