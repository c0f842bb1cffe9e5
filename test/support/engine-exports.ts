// Generated CUR exports for the engine tests (the benchmark's generator, small), as CSV and as
// Parquet, plus a file of amounts that need rounding (more than 10 decimals, exact ties, tiny
// doubles); and what a database holds after a pass, as sorted text rows: the facts attribution
// reads, attributed costs, rollups and the reconciliation, so two databases compare to the last digit.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { generateCur, type GeneratedFile } from "../bench/generate-cur";
import { generateParquet } from "../bench/generate-parquet";

export interface EngineExports {
  csv: string[];
  parquet: string[];
  lastDay: string;
}

const EDGE_HEADER = "bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UsageAmount,lineItem/UnblendedCost,lineItem/NetUnblendedCost,product/ProductName,product/servicecode,product/regionCode,reservation/EffectiveCost,savingsPlan/SavingsPlanEffectiveCost,resourceTags/user:team,resourceTags/user:Team,resourceTags/user:owner,resourceTags/user:squad,resourceTags/user:env,resourceTags/user:Name";
/** Amounts the PostgreSQL path rounds to 10 decimals half to even, and doubles whose shortest text is unusual. */
const EDGE_AMOUNTS = ["0.00000000005", "0.00000000015", "-0.00000000025", "1.23456789012345", "0.0000003", "0.1", "0.2", "12345678901.5", "7.00000000004999"];

export async function writeEngineExports(dir: string, rows: number): Promise<EngineExports> {
  const main = await generateCur(join(dir, "cur.csv"), rows, { months: 2, lastMonth: "2025-06" });
  const edgeRows = EDGE_AMOUNTS.map((amount, i) =>
    ["2025-06-01T00:00:00Z", "100000000000", i % 2 === 0 ? "Usage" : "DiscountedUsage", `2025-06-0${1 + (i % 3)}T00:00:00Z`, "svc1", "us-east-1:Usage1", `arn:edge/${i % 2}`, "1",
      i % 2 === 0 ? amount : "0", i % 2 === 0 ? amount : "0", "AWS Service 001", "svc1", "us-east-1", i % 2 === 0 ? "0" : amount, "0",
      i < 3 ? "team-01" : "", i >= 3 && i < 6 ? "Team-01 " : "", "", "", "production", `edge-${i}`].join(","));
  const edgePath = join(dir, "edge.csv");
  writeFileSync(edgePath, [EDGE_HEADER, ...edgeRows].join("\n") + "\n");
  const edge: GeneratedFile = { path: edgePath, rows: EDGE_AMOUNTS.length, firstDay: "2025-06-01", lastDay: "2025-06-03", bytes: 0 };
  const parquet = [await generateParquet(main, join(dir, "cur.parquet")), await generateParquet(edge, join(dir, "edge.parquet"))];
  return { csv: [main.path, edgePath], parquet: parquet.map((file) => file.path), lastDay: main.lastDay };
}

/** A database's state after a pass, as sorted text rows, money without trailing zeros. */
export async function passSnapshot(database: Database, tagKeys: string[], resourceIds: boolean): Promise<Record<string, string[]>> {
  const resource = resourceIds ? sql`resource_id` : sql`null::text`;
  const keys = `{${tagKeys.map((key) => JSON.stringify(key)).join(",")}}`;
  const rows = async (query: ReturnType<typeof sql>) => (await queryRows<{ row: string }>(database.db, query)).map((r) => r.row).sort();
  return {
    facts: await rows(sql`
      select concat_ws('|', day, account_id, service, region, usage_type, record_type, ${resource}, kept::text, trim_scale(sum(unblended_cost)), trim_scale(sum(amortized_cost)), trim_scale(sum(net_amortized_cost)), sum(coalesce(line_count, 1))) as row
      from (select li.*, (select coalesce(jsonb_object_agg(k, v), '{}'::jsonb) from jsonb_each(li.tags) e(k, v) where k = any(${keys}::text[])) as kept from cost_line_items li) li
      group by day, account_id, service, region, usage_type, record_type, ${resource}, kept`),
    attributed: await rows(sql`
      select concat_ws('|', day, team_id, account_id, service, record_type, environment, decided_by, rule_id, trim_scale(sum(unblended_cost)), trim_scale(sum(amortized_cost)), trim_scale(sum(net_amortized_cost))) as row
      from attributed_costs group by day, team_id, account_id, service, record_type, environment, decided_by, rule_id`),
    rollupDaily: await rows(sql`select concat_ws('|', day, team_id, account_id, service, environment, record_type, trim_scale(unblended_cost), trim_scale(amortized_cost), trim_scale(net_amortized_cost)) as row from cost_rollup_daily`),
    ownerValues: await rows(sql`select concat_ws('|', day, account_id, owner_value, trim_scale(unblended_cost), trim_scale(amortized_cost), trim_scale(net_amortized_cost), lines) as row from owner_value_rollup_daily`),
    ownerKeys: await rows(sql`select concat_ws('|', day, account_id, tag_key, trim_scale(unblended_cost), trim_scale(amortized_cost), trim_scale(net_amortized_cost), lines) as row from owner_tag_key_rollup_daily`),
  };
}
