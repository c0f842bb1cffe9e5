// Attribution through pods: an instance whose pods carry split data goes to the pods' teams (owner
// label, then namespace, then cluster owner) plus its idle cost by the cluster's policy, never also as
// an instance; attributed = billed to the cent, the ownership file is checked and effective-dated.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { importFromLocation } from "../../jobs/imports/import-location";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { parseOwnership } from "../../jobs/ownership/ownership-file";
import { attributeAndReconcile } from "../../jobs/attribution/attribute-and-reconcile";
import { explainCell } from "../../jobs/attribution/why";
import { importBackstageCatalog } from "../../jobs/ownership/backstage-import";
import { createApp } from "../../api/app";
import { clusterDetailResponseSchema, clustersResponseSchema } from "../../api/responses/clusters";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { LAYOUT_ROWS, layoutFiles, SPLIT_LAYOUT_ROWS } from "../support/layout-files";

const ownershipYaml = (idle: string) => `
ownerTagKeys: [team]
orgs:
  - id: acme
    name: Acme
    groups:
      - id: product
        name: Product
        teams:
          - { id: checkout, name: Checkout }
          - { id: payments, name: Payments }
          - { id: search, name: Search }
          - { id: platform, name: Platform }
          - { id: data, name: Data }
kubernetes:
  namespaces: { payments: payments }
  clusters:
    - { name: prod-eks, owner: platform, idle: ${idle} }
    - { name: jobs-ecs, owner: data }
`;

let database: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "tallyboard-clusters-"));
beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, parseOwnership(ownershipYaml("proportional"), "ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2024-09-01" });
  const path = join(dir, "cur.csv");
  writeFileSync(path, layoutFiles.legacyCsv([...LAYOUT_ROWS, ...SPLIT_LAYOUT_ROWS]));
  const { run } = await importFromLocation(database, path);
  expect(run.error).toBeUndefined();
});
afterAll(() => database.drop());

const clusterRows = () =>
  queryRows<{ team: string; decided: string; cluster: string | null; namespace: string | null; amortized: string }>(
    database.db,
    sql`select team_id as team, decided_by as decided, cluster, namespace, sum(amortized_cost)::text as amortized
        from attributed_costs where day = '2024-09-04' group by 1, 2, 3, 4 having sum(amortized_cost) <> 0 order by 3, 4, 1, 2`,
  );

it("pods go to their owner label, namespace or cluster owner; idle by the cluster's policy; the instances never as instances (0.192 + 0.096 = 0.288)", async () => {
  expect(await clusterRows()).toEqual([
    { team: "data", decided: "cluster", cluster: "jobs-ecs", namespace: "reports", amortized: "0.08" },
    { team: "data", decided: "idle", cluster: "jobs-ecs", namespace: null, amortized: "0.016" },
    { team: "checkout", decided: "pod-label", cluster: "prod-eks", namespace: "payments", amortized: "0.1" },
    { team: "payments", decided: "namespace", cluster: "prod-eks", namespace: "payments", amortized: "0.06" },
    // idle 0.032 proportional to 0.10 : 0.06
    { team: "checkout", decided: "idle", cluster: "prod-eks", namespace: null, amortized: "0.02" },
    { team: "payments", decided: "idle", cluster: "prod-eks", namespace: null, amortized: "0.012" },
  ]);
  const [totals] = await queryRows<{ attributed: string; billed: string }>(
    database.db,
    sql`select (select sum(amortized_cost) from attributed_costs)::text as attributed, (select sum(amortized_cost) from cost_line_items)::text as billed`,
  );
  expect(totals).toEqual({ attributed: "12.138", billed: "12.138" });
  // The instance-hours are an unlogged table during attribution (for parallel workers), gone after it.
  const [left] = await queryRows<{ table: string | null }>(database.db, sql`select to_regclass('cluster_instance_hours')::text as table`);
  expect(left).toEqual({ table: null });
});

it("why names the cluster, namespace, pod, its label and the rule: checkout's 0.1 on 2024-09-04 is pod api's owner label", async () => {
  const why = await explainCell(database.db, { teamId: "checkout", day: "2024-09-04" });
  const byLabel = why.clusters.find((c) => c.decidedBy === "pod-label")!;
  expect(byLabel).toMatchObject({ cluster: "prod-eks", namespace: "payments", amortized: "0.1" });
  expect(byLabel.pods).toEqual([{ pod: "arn:aws:eks:us-east-1:111111111111:pod/prod-eks/payments/api-7d9c/1a2b", workload: "api", label: "checkout", instance: "i-0node1", splitCost: "0.1", unusedCost: "0.02" }]);
  const idle = why.clusters.find((c) => c.decidedBy === "idle")!;
  expect(idle).toMatchObject({ cluster: "prod-eks", namespace: null, ruleKind: "cluster", idle: "proportional", amortized: "0.02", pods: [] });
  const payments = await explainCell(database.db, { teamId: "payments", day: "2024-09-04" });
  expect(payments.clusters.find((c) => c.decidedBy === "namespace")).toMatchObject({ cluster: "prod-eks", namespace: "payments", ruleKind: "namespace", ruleNamespace: "payments", pods: [{ workload: "worker", label: null }] });
});

it("GET /api/clusters: cost by team and namespace per day, idle share; GET /api/clusters/:cluster adds reserved vs used per namespace and workload", async () => {
  const app = createApp(database, "demo");
  const list = await app.request("/api/clusters?grain=day&from=2024-09-03&to=2024-09-04");
  expect(list.status).toBe(200);
  const body = clustersResponseSchema.parse(await list.json());
  expect(body.clusters.map((c) => [c.cluster, c.total, c.idle, c.idleShare])).toEqual([["jobs-ecs", "0.096", "0.016", "0.166667"], ["prod-eks", "0.192", "0.032", "0.166667"]]);
  const eks = body.clusters[1]!;
  expect(eks.teams).toEqual([{ teamId: "checkout", amount: "0.12" }, { teamId: "payments", amount: "0.072" }]);
  expect(eks.namespaces).toEqual([{ namespace: "payments", amount: "0.16" }, { namespace: "(idle)", amount: "0.032" }]);
  expect(eks.periods).toEqual([
    { period: "2024-09-03", total: "0", idle: "0", idleShare: null, byTeam: {}, byNamespace: {} },
    { period: "2024-09-04", total: "0.192", idle: "0.032", idleShare: "0.166667", byTeam: { checkout: "0.12", payments: "0.072" }, byNamespace: { "(idle)": "0.032", payments: "0.16" } },
  ]);
  const detail = await app.request("/api/clusters/prod-eks?grain=month&from=2024-09-01&to=2024-09-30");
  const cluster = clusterDetailResponseSchema.parse(await detail.json());
  expect(cluster.cluster.periods.map((p) => [p.period, p.total])).toEqual([["2024-09", "0.192"]]);
  expect(cluster.usage).toEqual([
    { namespace: "payments", resource: "memory", reserved: "7", actual: "3.5", usedShare: "0.5" },
    { namespace: "payments", resource: "vCPU", reserved: "1.5", actual: "1.25", usedShare: "0.833333" },
  ]);
  // the workload that reserves most beyond what it uses first: worker memory, 3 GB-hours reserved, 1 used
  expect(cluster.workloads[0]).toEqual({ namespace: "payments", workload: "worker", resource: "memory", reserved: "3", actual: "1", usedShare: "0.333333", splitCost: "0.03" });
  expect((await app.request("/api/clusters/nope")).status).toBe(404);
  expect((await app.request("/api/clusters?grain=week")).status).toBe(400);
});

it.each([
  ["even", [["checkout", "0.016"], ["payments", "0.016"]]],
  ["owner", [["platform", "0.032"]]],
])("idle: %s splits prod-eks's unused 0.032 exactly", async (idle, expected) => {
  await applyOwnership(database.db, parseOwnership(ownershipYaml(idle), "ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", effectiveFrom: "2024-09-04", today: "2024-09-10" });
  const { reconciliation } = await database.db.transaction((tx) => attributeAndReconcile(tx, { start: "2024-09-01", end: "2024-09-05" }, 2));
  expect(reconciliation.mismatches).toEqual([]);
  const idleRows = (await clusterRows()).filter((row) => row.decided === "idle" && row.cluster === "prod-eks");
  expect(idleRows.map((row) => [row.team, row.amortized])).toEqual(expected);
});

it("an idle policy of owner without an owner, and an unknown namespace owner, are refused naming the field", () => {
  expect(() => parseOwnership(ownershipYaml("owner").replace("owner: platform, ", ""), "ownership.yaml")).toThrow(/kubernetes\.clusters\.0\.idle: idle: owner needs the cluster's owner/);
  expect(() => parseOwnership(ownershipYaml("even").replace("payments: payments", "payments: nobody"), "ownership.yaml")).toThrow(/field kubernetes\.namespaces\.payments: unknown team "nobody"/);
});

it("a Backstage component's tallyboard.io/kubernetes-namespace gives the namespace to its owner, before the cluster owner, from the import's date", async () => {
  const catalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: reports
  annotations:
    tallyboard.io/kubernetes-namespace: reports
spec:
  owner: group:default/search
`;
  await database.db.transaction((tx) => importBackstageCatalog(tx, [{ fileName: "catalog-info.yaml", text: catalog }], { actor: "test", effectiveFrom: "2024-09-04", today: "2024-09-10" }));
  await database.db.transaction((tx) => attributeAndReconcile(tx, { start: "2024-09-01", end: "2024-09-05" }, 3));
  const ecs = (await clusterRows()).filter((row) => row.cluster === "jobs-ecs");
  expect(ecs).toEqual([
    { team: "search", decided: "namespace", cluster: "jobs-ecs", namespace: "reports", amortized: "0.08" },
    { team: "data", decided: "idle", cluster: "jobs-ecs", namespace: null, amortized: "0.016" },
  ]);
});

it("an instance-hour whose pods' split and unused cost add up to nothing is attributed as an instance, its other hours through its pods", async () => {
  const own = await createTestDatabase();
  try {
    await applyOwnership(own.db, parseOwnership(ownershipYaml("proportional"), "ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2024-09-01" });
    const node1 = SPLIT_LAYOUT_ROWS.slice(0, 5);
    const unweighed = node1.map((row) => ({ ...row, start: "2024-09-04T06:00:00Z", ...(row.split ? { split: { ...row.split, splitCost: "0", unusedCost: "0" } } : {}) }));
    const path = join(dir, "unweighed-hour.csv");
    writeFileSync(path, layoutFiles.legacyCsv([...node1, ...unweighed]));
    const { run } = await importFromLocation(own, path);
    expect(run.error).toBeUndefined();
    const rows = await queryRows<{ cluster: string | null; amortized: string }>(
      own.db,
      sql`select cluster, sum(amortized_cost)::text as amortized from attributed_costs group by 1 order by 1 nulls last`,
    );
    expect(rows).toEqual([
      { cluster: "prod-eks", amortized: "0.192" },
      { cluster: null, amortized: "0.192" },
    ]);
  } finally {
    await own.drop();
  }
});
