// The read models stay equal to attribution through every writer (sync, import, backfill, a rule
// change): the daily and monthly rollups summed by every dimension, and the owner-tag rollups
// against the line items. On PostgreSQL, line items live in one partition per month.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { parseOwnership } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { attributeJob } from "../../jobs/attribution/attribute-job";
import { changeOwnership } from "../../jobs/ownership/change-ownership";
import { createRule } from "../../jobs/ownership/rule-changes";
import { importFiles } from "../../jobs/imports/import-files";
import { listLocalFiles } from "../../jobs/imports/local-files";
import { billedLineFilter } from "../../db/domain/billed-lines";
import { COMMON_OWNER_KEYS } from "../../db/schema";
import { sampleRows } from "../fake-aws/sample-data";
import { createTestDatabase, usesPostgres, type TestDatabase } from "../support/test-database";
import { FakeBilling, OWNERSHIP_YAML } from "../support/sync-harness";

const TODAY = "2026-04-01";
const CUR_SAMPLE = "fixtures/samples/aws-cur-legacy-sample.csv";
const options = { restatementDays: 5, historyMonths: 13, retry: { retries: 0, baseDelayMs: 0 } };
const DIMENSIONS = ["day", "team_id", "account_id", "service", "environment", "record_type"];
const MONTH = sql.raw(`to_char(day, 'YYYY-MM')`);

let database: TestDatabase;
let billing: FakeBilling;

/** Per value of one dimension, the three measures as text, from a table: a map to compare. */
async function sums(table: string, key: SQL) {
  const rows = await queryRows<{ key: string | null; u: string; a: string; n: string }>(
    database.db,
    sql`select ${key}::text as key, sum(unblended_cost)::text as u, sum(amortized_cost)::text as a, sum(net_amortized_cost)::text as n
        from ${sql.raw(table)} group by 1 order by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.key ?? "(null)", [r.u, r.a, r.n].map((v) => new Decimal(v).toFixed(6))]));
}

async function expectRollupsEqualAttribution() {
  for (const dimension of DIMENSIONS) {
    expect(await sums("cost_rollup_daily", sql.raw(dimension)), `daily by ${dimension}`).toEqual(await sums("attributed_costs", sql.raw(dimension)));
  }
  for (const dimension of DIMENSIONS.slice(1)) {
    const byMonth = sql.raw(`to_char(month, 'YYYY-MM') || '|' || coalesce(${dimension}, '')`);
    const attributed = sql`${MONTH} || '|' || coalesce(${sql.raw(dimension)}, '')`;
    expect(await sums("cost_rollup_monthly", byMonth), `monthly by ${dimension}`).toEqual(await sums("attributed_costs", attributed));
  }
  // Billed lines carrying an owner tag under a configured spelling.
  const owned = sql`coalesce(nullif(trim(li.tags ->> 'team'), ''), nullif(trim(li.tags ->> 'Team'), ''), nullif(trim(li.tags ->> 'owner'), '')) is not null and ${billedLineFilter}`;
  const [owner] = await queryRows<{ rollup: string | null; lines: string | null; count: number; rolledUp: number }>(
    database.db,
    sql`select (select sum(amortized_cost)::text from owner_value_rollup_daily) as rollup, (select sum(lines)::int from owner_value_rollup_daily) as "rolledUp",
          (select sum(amortized_cost)::text from cost_line_items li where ${owned}) as lines,
          (select count(*)::int from cost_line_items li where ${owned}) as count`,
  );
  expect(new Decimal(owner!.rollup ?? 0).toFixed(6)).toBe(new Decimal(owner!.lines ?? 0).toFixed(6));
  expect(owner!.rolledUp ?? 0).toBe(owner!.count);
  // Owner-like tag keys as written, by expanding every billed line's tags (attribution tests the keys registered for the month).
  const ownerLike = sql`(lower(k) in (select lower(tag_key) from owner_tag_keys) or lower(k) = any(${`{${COMMON_OWNER_KEYS.join(",")}}`}::text[]))`;
  const byKey = (rows: { key: string; a: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, [new Decimal(r.a).toFixed(6), r.n]]));
  const rolledKeys = await queryRows<{ key: string; a: string; n: number }>(database.db, sql`select tag_key as key, sum(amortized_cost)::text as a, sum(lines)::int as n from owner_tag_key_rollup_daily group by 1`);
  const lineKeys = await queryRows<{ key: string; a: string; n: number }>(
    database.db,
    sql`select k as key, sum(li.amortized_cost)::text as a, count(*)::int as n from cost_line_items li cross join lateral jsonb_object_keys(li.tags) k where ${billedLineFilter} and ${ownerLike} group by 1`,
  );
  expect(byKey(rolledKeys)).toEqual(byKey(lineKeys));
  // What the two shortcuts rest on, against the line items themselves: every key of every month's
  // tags is registered, and the account-days the exports cover are exactly those recorded.
  const [unregistered] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from (select distinct date_trunc('month', li.day)::date as month, k from cost_line_items li cross join lateral jsonb_object_keys(li.tags) k) used
        where not exists (select 1 from line_item_tag_keys r where r.month = used.month and r.tag_key = used.k)`,
  );
  expect(unregistered!.n).toBe(0);
  const covered = sql`select day::text, account_id from cost_line_items where source in ('cur', 'focus') group by 1, 2 order by 1, 2`;
  expect(await queryRows(database.db, sql`select day::text, account_id from export_billed_days order by 1, 2`)).toEqual(await queryRows(database.db, covered));
}

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, parseOwnership(OWNERSHIP_YAML, "ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: TODAY });
  billing = await FakeBilling.start(sampleRows({ start: "2026-01-01", days: 90 }), []);
});
afterAll(async () => {
  await billing?.fake.close();
  await database?.drop();
});

describe("rollups follow attribution", () => {
  it("after a sync: daily and monthly rollups equal attributed costs by every dimension", async () => {
    const run = await syncCosts(database, billing.source(TODAY), options);
    expect(run.error).toBeUndefined();
    const [count] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cost_rollup_monthly`);
    expect(count!.n).toBeGreaterThan(0);
    await expectRollupsEqualAttribution();
  });

  it("after a CUR import (the export wins over Cost Explorer for its days)", async () => {
    const { run } = await importFiles(database, await listLocalFiles(CUR_SAMPLE), { location: CUR_SAMPLE });
    expect(run.error).toBeUndefined();
    await expectRollupsEqualAttribution();
  });

  it("after a backfill of a sub-range, and after a rule change from a day", async () => {
    expect((await attributeJob(database, "aws", { start: "2026-02-10", end: "2026-02-20" })).error).toBeUndefined();
    await expectRollupsEqualAttribution();
    const { run } = await changeOwnership(database, "aws", (tx) =>
      createRule(tx, { kind: "service", service: "Amazon Simple Storage Service", teamId: "search", priority: 1, effectiveFrom: "2026-03-01" }, "test"),
    );
    expect(run.error).toBeUndefined();
    const [moved] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cost_rollup_daily where team_id = 'search' and service = 'Amazon Simple Storage Service' and day >= '2026-03-01'`);
    expect(moved!.n).toBeGreaterThan(0);
    await expectRollupsEqualAttribution();
  });
});

describe.runIf(usesPostgres)("line-item storage on PostgreSQL", () => {
  it("cost_line_items is range-partitioned on day, with a partition for every month holding rows", async () => {
    const [table] = await queryRows<{ kind: string; strategy: string }>(
      database.db,
      sql`select c.relkind::text as kind, p.partstrat::text as strategy from pg_class c join pg_partitioned_table p on p.partrelid = c.oid where c.oid = 'cost_line_items'::regclass`,
    );
    expect(table).toEqual({ kind: "p", strategy: "r" });
    const months = await queryRows<{ month: string }>(database.db, sql`select distinct to_char(day, 'YYYY-MM') as month from cost_line_items order by 1`);
    const partitions = await queryRows<{ name: string }>(database.db, sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'cost_line_items'::regclass`);
    const names = new Set(partitions.map((p) => p.name));
    expect(months.length).toBeGreaterThan(2);
    for (const { month } of months) expect(names, month).toContain(`cost_line_items_y${month.replace("-", "m")}`);
    const [stray] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cost_line_items_default`);
    expect(stray!.n).toBe(0);
  });
});
