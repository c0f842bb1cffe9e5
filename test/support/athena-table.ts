// Generated CUR exports rewritten as the table the CUR Athena integration makes: Athena's column
// names, DOUBLE costs, TIMESTAMP dates, Parquet partitioned year=YYYY/month=M (test/fake-athena reads it).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { athenaName } from "../../jobs/imports/aws-tag-keys";
import { writeEngineExports } from "./engine-exports";

/** The CUR Athena integration's name for a legacy CUR column: lineItem/UnblendedCost -> line_item_unblended_cost. */
const athenaColumn = (column: string) => column.split(/[/:]/).map(athenaName).join("_");

/** Generated exports rewritten as the Athena table's Parquet, partitioned year=YYYY/month=M; returns the folder. */
export async function athenaTable(dir: string, name: string, rows: number): Promise<string> {
  const source = join(dir, `${name}-source`);
  mkdirSync(source);
  const exports = await writeEngineExports(source, rows);
  const duck = await DuckDBInstance.create(":memory:");
  const connection = await duck.connect();
  const header = (await connection.runAndReadAll(`select * from read_csv('${exports.csv[0]}', header = true, all_varchar = true) limit 0`)).columnNames();
  // `resourceTags/user:Team` and `.../user:team` are one column in Athena's spelling: Team is kept as team_lead (not owner-like).
  const renamed = header.map((column) => (column === "resourceTags/user:Team" ? "resource_tags_user_team_lead" : athenaColumn(column)));
  const select = header.map((column, i) => {
    const value = `"c${i}"`;
    const typed = /Cost$|UsageAmount$/.test(column) ? `cast(${value} as double)` : /Date$/.test(column) ? `cast(${value} as timestamp)` : value;
    return `${typed} as "${renamed[i]}"`;
  });
  const files = `[${exports.csv.map((path) => `'${path}'`).join(", ")}]`;
  const folder = join(dir, name);
  await connection.run(`copy (select ${select.join(", ")}, substr(c0, 1, 4) as year, cast(cast(substr(c0, 6, 2) as int) as varchar) as month
    from read_csv(${files}, header = true, all_varchar = true, auto_detect = false, columns = {${header.map((_, i) => `'c${i}': 'VARCHAR'`).join(", ")}}))
    to '${folder}' (format parquet, partition_by (year, month))`);
  connection.closeSync();
  duck.closeSync();
  return folder;
}

