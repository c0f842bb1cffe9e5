// The benchmark's CSV as the Parquet export of the same rows: the same column names (hyparquet-writer
// keeps `resourceTags/user:team` beside `resourceTags/user:Team`, which DuckDB's writer would rename),
// costs, amounts and split usages as DOUBLE and dates as TIMESTAMP as AWS writes them, empty fields as nulls.
// Written a row group at a time: never all in memory.
import { createReadStream, statSync } from "node:fs";
import { parse } from "csv-parse";
import { fileWriter, ParquetWriter, schemaFromColumnData, type ColumnSource } from "hyparquet-writer";
import type { GeneratedFile } from "./generate-cur";

const GROUP_ROWS = 100_000;
const typeOf = (name: string) => (/Cost$|UsageAmount$|Usage$|UsageRatio$/.test(name) ? "DOUBLE" : /Date$/.test(name) ? "TIMESTAMP" : "STRING");

export async function generateParquet(csv: GeneratedFile, path: string): Promise<GeneratedFile> {
  const records = createReadStream(csv.path, { highWaterMark: 1 << 20 }).pipe(parse());
  let header: string[] = [];
  let columns: unknown[][] = [];
  let writer: ParquetWriter | undefined;
  const flush = async () => {
    const columnData = header.map((name, i): ColumnSource => ({ name, data: columns[i] as never, type: typeOf(name), nullable: true }));
    writer ??= new ParquetWriter({ writer: fileWriter(path), schema: schemaFromColumnData({ columnData }), statistics: false });
    await writer.write({ columnData, rowGroupSize: GROUP_ROWS });
    columns = header.map(() => []);
  };
  for await (const record of records as AsyncIterable<string[]>) {
    if (header.length === 0) {
      header = record;
      columns = header.map(() => []);
      continue;
    }
    record.forEach((value, i) => {
      const type = typeOf(header[i]!);
      columns[i]!.push(value === "" ? null : type === "DOUBLE" ? Number(value) : type === "TIMESTAMP" ? new Date(value) : value);
    });
    if (columns[0]!.length === GROUP_ROWS) await flush();
  }
  if (columns[0]!.length > 0) await flush();
  writer?.finish();
  return { ...csv, path, bytes: statSync(path).size };
}
