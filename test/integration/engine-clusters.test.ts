// Shared clusters on the DuckDB and Athena engines (docs/engines.md, docs/clusters.md): the same export,
// imported line by line into one database and passed through an engine into another, gives the same
// attribution through pods (split cost allocation data: per instance-day, the pods' split and unused
// cost) and through OpenCost (instances found by aws:eks:cluster-name or kubernetes.io/cluster/<name>),
// the same Clusters page, and attributed = billed, in every CUR layout that carries the columns.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { AthenaClient } from "@aws-sdk/client-athena";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database } from "../../db/client";
import type { ImportQuality, QualityWarning } from "../../db/domain/import-quality-report";
import { getCluster } from "../../db/queries/clusters";
import { loadPodUsage } from "../../db/queries/cluster-nudge-inputs";
import { importFromLocation } from "../../jobs/imports/import-location";
import { importOpenCost } from "../../jobs/imports/opencost/import-opencost";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { parseOwnership } from "../../jobs/ownership/ownership-file";
import { duckdbEngine } from "../../jobs/engines/duckdb-engine";
import { athenaEngine } from "../../jobs/engines/athena-engine";
import { runEnginePass } from "../../jobs/engines/engine-pass";
import { explainCell } from "../../jobs/attribution/why";
import { generateClusterCur } from "../bench/generate-cluster-cur";
import { seedClusterOwnership, seedOwnership } from "../bench/bench-database";
import { CLUSTER_CUR_SPAN, CLUSTER_OWNERSHIP, clusterCurRows } from "../support/cluster-cur";
import { layoutFiles, type LayoutRow } from "../support/layout-files";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { FAKE_CREDENTIALS } from "../fake-aws/clients";
import { startFakeAthena, type FakeAthena } from "../fake-athena/server";

const LAB_DAYS = ["2024-09-02", "2024-09-03"];
const ec2 = { type: "Usage", account: "111111111111", service: "Amazon Elastic Compute Cloud", serviceCode: "AmazonEC2", region: "us-east-1", invoice: "INV-1", cost: "0.3" } as const;
/** lab-k8s, a cluster without split data: two instances each hour (one found by the EKS tag, one by the
 *  kubernetes.io tag) and a volume of the cluster (it stays on the ordinary path). */
const labRows: LayoutRow[] = LAB_DAYS.flatMap((day) =>
  ["03", "04"].flatMap((hour): LayoutRow[] => [
    { ...ec2, start: `${day}T${hour}:00:00Z`, usageType: "BoxUsage:m5.large", resourceId: "i-0lab1", tags: { "aws:eks:cluster-name": "lab-k8s" } },
    { ...ec2, start: `${day}T${hour}:00:00Z`, usageType: "BoxUsage:m5.large", resourceId: "i-0lab2", tags: { "kubernetes.io/cluster/lab-k8s": "owned", team: "search" } },
    { ...ec2, start: `${day}T${hour}:00:00Z`, usageType: "EBS:VolumeUsage.gp3", resourceId: "vol-0lab", tags: { "aws:eks:cluster-name": "lab-k8s" }, cost: "0.05" },
  ]),
);
const labAnswer = (day: string) =>
  JSON.stringify({
    code: 200,
    data: [
      Object.fromEntries(
        [["team=checkout", 2], ["__unallocated__", 1], ["__idle__", 0.5]].map(([name, total]) => [
          name,
          { name, properties: { cluster: "lab-k8s" }, window: { start: `${day}T00:00:00Z`, end: `${day.slice(0, 8)}0${Number(day.slice(8)) + 1}T00:00:00Z` }, cpuCost: total, gpuCost: 0, ramCost: 0, pvCost: 0, networkCost: 0, totalCost: total },
        ]),
      ),
    ],
  });
const ownership = CLUSTER_OWNERSHIP().replace("    - { name: jobs-eks }", "    - { name: jobs-eks }\n    - { name: lab-k8s, owner: platform, idle: owner }");
const rows = [...clusterCurRows(CLUSTER_CUR_SPAN.first, CLUSTER_CUR_SPAN.last), ...labRows];

const dir = mkdtempSync(join(tmpdir(), "engine-clusters-"));
const databases: TestDatabase[] = [];
let fake: FakeAthena | undefined;
afterAll(async () => {
  await fake?.close();
  for (const database of databases) await database.drop();
});

/** A database with the ownership file and lab-k8s's OpenCost answers (the pass reads which clusters exist). */
async function fresh(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  await applyOwnership(database.db, parseOwnership(ownership, "ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: CLUSTER_CUR_SPAN.first });
  await importOpenCost(database.db, "lab-k8s", LAB_DAYS.map((day) => ({ name: `${day}.json`, text: labAnswer(day) })));
  return database;
}

/** What a reader sees: every attributed cell with its cluster decision, each cluster's page, the pods'
 *  usage the nudges read, the Why answer's clusters, attributed against billed. */
async function clusterView(database: Database) {
  const attributed = await queryRows<{ row: string }>(
    database.db,
    sql`select concat_ws('|', day, team_id, account_id, service, record_type, decided_by, rule_id, cluster, namespace, cluster_rule_id, cluster_basis,
          trim_scale(sum(unblended_cost)), trim_scale(sum(amortized_cost)), trim_scale(sum(net_amortized_cost))) as row
        from attributed_costs group by day, team_id, account_id, service, record_type, decided_by, rule_id, cluster, namespace, cluster_rule_id, cluster_basis`,
  );
  const [totals] = await queryRows<{ attributed: string; billed: string }>(
    database.db,
    sql`select (select trim_scale(sum(amortized_cost))::text from attributed_costs) as attributed, (select trim_scale(sum(amortized_cost))::text from cost_line_items) as billed`,
  );
  const range = { from: CLUSTER_CUR_SPAN.first, to: CLUSTER_CUR_SPAN.last, grain: "day" as const, measure: "amortized" as const };
  const pages = Object.fromEntries(await Promise.all(["prod-eks", "jobs-eks", "lab-k8s"].map(async (cluster) => [cluster, await getCluster(database.db, cluster, range)])));
  // the underused-workload nudge's input: per pod and day (one hour a day here, so the unused reservation is the import's too)
  const podUsage = await loadPodUsage(database.db, { from: CLUSTER_CUR_SPAN.first, to: CLUSTER_CUR_SPAN.last });
  // "why is this dollar on my team": the pods, namespace, label and cluster behind a team's cluster cost, and OpenCost's allocations
  const why = await Promise.all(
    [["checkout", "2024-09-02"], ["payments", "2024-09-12"], ["platform", "2024-09-03"]].map(async ([teamId, day]) => (await explainCell(database.db, { teamId: teamId!, day: day! })).clusters),
  );
  return { attributed: attributed.map((r) => r.row).sort(), totals, pages, podUsage, why };
}

const LAYOUTS = {
  "legacy CUR CSV": { file: "cur.csv", write: layoutFiles.legacyCsv },
  "legacy CUR Parquet": { file: "cur.parquet", write: layoutFiles.legacyParquet },
  "Athena layout Parquet": { file: "athena.parquet", write: layoutFiles.athenaParquet },
  "CUR 2.0 Parquet": { file: "cur2.parquet", write: layoutFiles.cur2Parquet },
  "CUR 2.0 CSV": { file: "cur2.csv", write: layoutFiles.cur2Csv },
};

describe("the DuckDB engine attributes shared clusters as the line-by-line import does", () => {
  for (const [name, layout] of Object.entries(LAYOUTS)) {
    it(name, async () => {
      const folder = join(dir, name.replaceAll(" ", "-"));
      mkdirSync(folder);
      const path = join(folder, layout.file);
      writeFileSync(path, layout.write(rows));

      const imported = await fresh();
      const { run } = await importFromLocation(imported, path);
      expect(run.error).toBeUndefined();
      const expected = await clusterView(imported);

      const passed = await fresh();
      const pass = await runEnginePass(passed, () => duckdbEngine(path), { location: path });
      expect(pass.status, pass.error).toBe("succeeded");
      const got = await clusterView(passed);

      expect(got.attributed).toEqual(expected.attributed);
      expect(got.pages).toEqual(expected.pages);
      expect(got.podUsage).toEqual(expected.podUsage);
      expect(got.why).toEqual(expected.why);
      expect(JSON.stringify(got.why)).toContain("arn:aws:eks:us-east-1:111111111111:pod/prod-eks/payments/cron-7d9c/2024-09-12");
      expect(got.totals!.attributed).toBe(got.totals!.billed);
      expect(got.totals).toEqual(expected.totals);
      // every way a cluster dollar is decided, through pods and through OpenCost, is there
      const decided = await queryRows<{ way: string }>(passed.db, sql`select distinct cluster_basis || ':' || decided_by as way from attributed_costs where cluster is not null order by 1`);
      expect(decided.map((row) => row.way)).toEqual(["opencost:cluster", "opencost:idle", "opencost:pod-label", "split:idle", "split:namespace", "split:pod-label", "split:unattributed"]);
      // both lab-k8s instances went through OpenCost (0.3 an hour each, 2 hours, 2 days), its volume did not
      const [opencost] = await queryRows<{ total: string }>(passed.db, sql`select trim_scale(sum(amortized_cost))::text as total from attributed_costs where cluster_basis = 'opencost'`);
      expect(opencost!.total).toBe("2.4");
    }, 120_000);
  }
});

it("the Athena engine, through the real SDK against the fake, attributes the Athena table's clusters as the import does", async () => {
  const folder = join(dir, "athena-table");
  mkdirSync(join(folder, "year=2024", "month=9"), { recursive: true });
  writeFileSync(join(folder, "year=2024", "month=9", "part-0.parquet"), layoutFiles.athenaParquet(rows));
  fake = await startFakeAthena([{ database: "cur", table: "cur_clusters", folder }], { pageSize: 50 });

  const imported = await fresh();
  const { run } = await importFromLocation(imported, join(folder, "year=2024", "month=9", "part-0.parquet"));
  expect(run.error).toBeUndefined();
  const passed = await fresh();
  const client = new AthenaClient({ region: "us-east-1", endpoint: fake.url, credentials: FAKE_CREDENTIALS });
  const config = { workgroup: "primary", database: "cur", table: "cur_clusters", outputLocation: "s3://results-bucket/tallyboard/", partitions: "year-month" as const, timeoutMs: 60_000, pricePerTb: "5", region: "us-east-1", endpoint: fake.url };
  const pass = await runEnginePass(passed, () => athenaEngine(config, { client, pollMs: 1, maxPollMs: 5 }), { location: "athena:cur.cur_clusters", periods: ["2024-09-01"] });
  expect(pass.status, pass.error).toBe("succeeded");
  const [expected, got] = [await clusterView(imported), await clusterView(passed)];
  expect(got.attributed).toEqual(expected.attributed);
  expect(got.pages).toEqual(expected.pages);
  expect(got.totals!.attributed).toBe(got.totals!.billed);
}, 120_000);

it("on a generated bill with ten pods a node-hour, each team's cluster dollars a day equal the import's to the last digit", async () => {
  const file = await generateClusterCur(join(dir, "generated.csv"), 20_000, { months: 1, lastMonth: "2025-06" });
  const seeded = async () => {
    const database = await createTestDatabase();
    databases.push(database);
    await seedOwnership(database);
    await seedClusterOwnership(database);
    return database;
  };
  const imported = await seeded();
  const { run } = await importFromLocation(imported, file.path);
  expect(run.error).toBeUndefined();
  const passed = await seeded();
  const pass = await runEnginePass(passed, () => duckdbEngine(file.path), { location: file.path });
  expect(pass.status, pass.error).toBe("succeeded");
  const teamDays = (database: Database) =>
    queryRows<{ row: string }>(
      database.db,
      sql`select concat_ws('|', day, team_id, cluster, namespace, decided_by, trim_scale(sum(unblended_cost)), trim_scale(sum(amortized_cost)), trim_scale(sum(net_amortized_cost))) as row
          from attributed_costs where cluster is not null group by day, team_id, cluster, namespace, decided_by order by 1`,
    );
  const [expected, got] = [await teamDays(imported), await teamDays(passed)];
  expect(expected.length).toBeGreaterThan(500);
  expect(got).toEqual(expected);
  const totals = (database: Database) => queryRows<{ row: string }>(database.db, sql`select concat_ws('|', day, trim_scale(sum(amortized_cost))) as row from attributed_costs group by day order by 1`);
  expect(await totals(passed)).toEqual(await totals(imported));
  // fewer rows reach PostgreSQL: a pod's hours of a day are one fact per usage type
  const [stored] = await queryRows<{ facts: number; lines: number; podFacts: number; podLines: number }>(
    passed.db,
    sql`select count(*)::int as facts, sum(line_count)::int as lines, (count(*) filter (where parent_resource_id is not null))::int as "podFacts",
          (sum(line_count) filter (where parent_resource_id is not null))::int as "podLines" from cost_line_items`,
  );
  expect(stored).toMatchObject({ lines: 20_000, podLines: 10_000 });
  expect(stored!.podFacts).toBeLessThan(10_000 / 4);
}, 180_000);

it("an instance whose pods do not add up is named as the import names it, and an hour whose pods weigh nothing stays the instance's", async () => {
  const [first, second] = ["2024-09-01", "2024-09-02"];
  const base = clusterCurRows(first, second);
  // day two: i-0prod1 billed 0.5 more than its pods' split + unused cost; day one, 07:00: a pod that weighs nothing beside 0.4 of i-0prod1
  const skewed = base.map((row) => (row.resourceId === "i-0prod1" && row.start.startsWith(second) ? { ...row, cost: new Decimal(row.cost).plus("0.5").toString() } : row));
  const prodLine = base.find((row) => row.resourceId === "i-0prod1")!;
  const idlePod = base.find((row) => row.split?.parent === "i-0prod1")!;
  const unweighed: LayoutRow[] = [
    { ...prodLine, start: `${first}T07:00:00Z`, cost: "0.4" },
    { ...idlePod, start: `${first}T07:00:00Z`, split: { ...idlePod.split!, splitCost: "0", unusedCost: "0" } },
  ];
  const path = join(dir, "skewed.parquet");
  writeFileSync(path, layoutFiles.legacyParquet([...skewed, ...unweighed]));

  const imported = await fresh();
  const { run } = await importFromLocation(imported, path);
  expect(run.error).toBeUndefined();
  const importWarnings = (run.details as { quality: ImportQuality }).quality.warnings.filter((w) => w.code === "split-mismatch");
  const passed = await fresh();
  const pass = await runEnginePass(passed, () => duckdbEngine(path), { location: path });
  expect(pass.status, pass.error).toBe("succeeded");
  const passWarnings = (pass.details as { periods: { splitMismatches: QualityWarning[] }[] }).periods.flatMap((period) => period.splitMismatches);

  // the import names i-0prod1 for day two's hour and the 07:00 hour (0.4 billed, its pods 0); the pass per day
  expect(importWarnings.map((w) => w.instance)).toEqual(["i-0prod1"]);
  expect(passWarnings.map((w) => w.instance)).toEqual(["i-0prod1"]);
  expect(passWarnings[0]!.message).toBe(
    "instance i-0prod1: on 2 day(s) (first 2024-09-01) its pods' and tasks' split + unused cost (8.5) differs from its amortized cost (9.4); attribution through its pods splits what was billed by their shares",
  );
  const [expected, got] = [await clusterView(imported), await clusterView(passed)];
  expect(got.attributed).toEqual(expected.attributed);
  expect(got.totals!.attributed).toBe(got.totals!.billed);
  // the 07:00 hour's 0.4 went by the ordinary rules: i-0prod1 has no owner tag, so unattributed and outside any cluster
  const [asInstance] = await queryRows<{ amount: string }>(passed.db, sql`select trim_scale(sum(amortized_cost))::text as amount from attributed_costs where day = ${first}::date and cluster is null and service = 'Amazon Elastic Compute Cloud'`);
  expect(asInstance!.amount).toBe("0.4");
}, 120_000);

describe("facts for split data", () => {
  let passed: TestDatabase;
  beforeAll(async () => {
    const path = join(dir, "facts.csv");
    writeFileSync(path, layoutFiles.legacyCsv(rows));
    passed = await fresh();
    const pass = await runEnginePass(passed, () => duckdbEngine(path), { location: path });
    expect(pass.status, pass.error).toBe("succeeded");
  }, 120_000);

  it("keep instance ids only for cluster instances, and pods with their parent instance on the day's usage hour", async () => {
    const others = await queryRows<{ resource: string | null; hour: number | null }>(
      passed.db,
      sql`select distinct resource_id as resource, usage_hour as hour from cost_line_items where parent_resource_id is null order by 1, 2`,
    );
    expect(others).toEqual([
      { resource: "i-0jobs1", hour: 0 },
      { resource: "i-0lab1", hour: null },
      { resource: "i-0lab2", hour: null },
      { resource: "i-0prod1", hour: 0 },
      { resource: null, hour: null },
    ]);
    const pods = await queryRows<{ parent: string; hour: number; pods: number; facts: number }>(
      passed.db,
      sql`select parent_resource_id as parent, usage_hour as hour, count(distinct resource_id)::int as pods, count(*)::int as facts from cost_line_items
          where parent_resource_id is not null group by 1, 2 order by 1, 2`,
    );
    // jobs-eks's notebook, and prod-eks's api, batch and cron (from the 10th day): one pod a day each, two usage types
    expect(pods).toEqual([
      { parent: "i-0jobs1", hour: 0, pods: 16, facts: 32 },
      { parent: "i-0prod1", hour: 0, pods: 16 * 2 + 7, facts: (16 * 2 + 7) * 2 },
    ]);
    // lab-k8s's two hours a day are one fact per instance and day
    const [lab] = await queryRows<{ facts: number; lines: number }>(passed.db, sql`select count(*)::int as facts, sum(line_count)::int as lines from cost_line_items where resource_id like 'i-0lab%'`);
    expect(lab).toEqual({ facts: 4, lines: 8 });
  });
});
