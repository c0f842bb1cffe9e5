// A file that cannot be imported, naming where: the whole file is rejected (invariant I6).
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null, // 1-based line (CSV, the header is line 1) or row (Parquet)
    readonly column: string | null,
    readonly problem: string,
  ) {
    super(`${file}${line === null ? "" : `, line ${line}`}${column === null ? "" : `, column ${column}`}: ${problem}`);
  }
}
