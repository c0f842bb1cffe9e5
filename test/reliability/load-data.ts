// Line items for the load test, generated inside PostgreSQL (generate_series) rather than parsed
// through the importer: 40 accounts, 120 services, 250k resources, 60 owner values under four tag
// spellings, one in seven lines untagged, 2% tax; then the real attribution and rollups run on them.
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { ensureMonthPartitions } from "../../db/line-item-partitions";
import { ACCOUNTS, TAG_SPELLINGS } from "../bench/generate-cur";

export const LOAD_FIRST_DAY = "2026-08-01";
export const LOAD_END = "2026-11-01"; // exclusive: three whole months
const DAYS = 92;
const CHUNK = 1_000_000;

export async function generateLineItems(database: Database, rows: number): Promise<void> {
  await ensureMonthPartitions(database.db, LOAD_FIRST_DAY, LOAD_END);
  const accounts = `array[${ACCOUNTS.map((a) => `'${a}'`).join(",")}]`;
  const spellings = `array[${TAG_SPELLINGS.map((k) => `'${k}'`).join(",")}]`;
  for (let start = 0; start < rows; start += CHUNK) {
    const end = Math.min(rows, start + CHUNK) - 1;
    await database.db.execute(sql.raw(`
      insert into cost_line_items (day, account_id, service, region, usage_type, record_type, resource_id, tags, unblended_cost, amortized_cost, net_amortized_cost, usage_quantity, source, batch_id)
      select date '${LOAD_FIRST_DAY}' + (g % ${DAYS}), (${accounts})[1 + g % 40], 'AWS Service ' || lpad(((g * 7) % 120)::text, 3, '0'), 'us-east-1', 'BoxUsage',
             case when g % 50 = 0 then 'Tax' else 'Usage' end, 'arn:aws:ec2:us-east-1:resource/' || (g % 250000),
             case when g % 7 = 0 then '{}'::jsonb else jsonb_build_object((${spellings})[1 + (g / 7) % 4], 'team-' || lpad(((g / 3) % 60)::text, 2, '0'), 'env', case when g % 5 = 0 then 'development' else 'production' end) end,
             c, c, c, 1, 'cost-explorer', 1
      from generate_series(${start}, ${end}) g, lateral (select ((g % 997) + 1)::numeric / 100 as c) amount`));
  }
  await database.db.execute(sql`analyze cost_line_items`);
}
