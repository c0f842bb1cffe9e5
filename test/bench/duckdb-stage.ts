// What an analyst would do instead: DuckDB aggregating the same CSV straight from disk
// (cost by month x owner tag x account x service), no load step, no attribution rules.
import { DuckDBInstance } from "@duckdb/node-api";
import type { GeneratedFile } from "./generate-cur";

export async function duckdbAggregate(file: GeneratedFile): Promise<{ seconds: number; groups: number }> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const path = file.path.replaceAll("'", "''");
  const started = performance.now();
  const reader = await connection.runAndReadAll(`
    select date_trunc('month', "lineItem/UsageStartDate"::timestamp) as month,
           lower(coalesce(nullif("resourceTags/user:team", ''), nullif("resourceTags/user:Team", ''), nullif("resourceTags/user:owner", ''), nullif("resourceTags/user:squad", ''))) as owner,
           "lineItem/UsageAccountId" as account, "product/ProductName" as service,
           sum("lineItem/UnblendedCost"::decimal(18, 6)) as unblended
    from read_csv('${path}', header = true, all_varchar = true)
    group by all`);
  const seconds = (performance.now() - started) / 1000;
  const groups = reader.getRows().length;
  connection.closeSync();
  instance.closeSync();
  return { seconds, groups };
}
