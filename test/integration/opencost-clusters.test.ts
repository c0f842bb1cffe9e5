// Clusters without split data: OpenCost /allocation answers imported (checked whole, one transaction,
// a re-import replaces the cluster-days) and used to split the cluster's billed instance cost per day
// by totalCost, each namespace or owner label to its team, OpenCost's idle by the cluster's policy;
// instances with split data and days without allocations keep their own paths; attributed = billed.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { costLineItems } from "../../db/schema";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { parseOwnership } from "../../jobs/ownership/ownership-file";
import { attributeAndReconcile } from "../../jobs/attribution/attribute-and-reconcile";
import { attributeJob } from "../../jobs/attribution/attribute-job";
import { explainCell } from "../../jobs/attribution/why";
import { importOpenCost, importOpenCostCommand } from "../../jobs/imports/opencost/import-opencost";
import { createApp } from "../../api/app";
import { clusterDetailResponseSchema, clustersResponseSchema } from "../../api/responses/clusters";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const SAMPLE = "fixtures/samples/opencost-allocation-namespace.json";
const ACCOUNT = "555555555555";
const ownership = `
ownerTagKeys: [team]
orgs:
  - id: acme
    name: Acme
    groups:
      - { id: product, name: Product, teams: [{ id: checkout, name: Checkout }, { id: payments, name: Payments }, { id: search, name: Search }, { id: platform, name: Platform }, { id: data, name: Data }] }
kubernetes:
  namespaces: { payments: payments }
  clusters:
    - { name: batch-eks, owner: platform, idle: proportional, namespaces: { search: search } }
    - { name: lab-k8s, owner: data, idle: owner }
`;

// lab-k8s, aggregated by label:team: the owner label first, __unallocated__ to the cluster's owner.
const labAnswer = JSON.stringify({
  code: 200,
  data: [
    Object.fromEntries(
      [["team=checkout", "2"], ["__unallocated__", "1"], ["__idle__", "0"]].map(([name, total]) => [
        name,
        { name, properties: { cluster: "lab-k8s" }, window: { start: "2024-09-05T00:00:00Z", end: "2024-09-06T00:00:00Z" }, cpuCost: Number(total), gpuCost: 0, ramCost: 0, pvCost: 0, networkCost: 0, totalCost: Number(total) },
      ]),
    ),
  ],
});

const line = (day: string, resourceId: string | null, tags: Record<string, string>, amortized: string, extra: Partial<typeof costLineItems.$inferInsert> = {}) => ({
  day, accountId: ACCOUNT, service: "Amazon Elastic Compute Cloud", recordType: "Usage", usageType: "BoxUsage:m5.xlarge", resourceId, tags, usageHour: 1, source: "cur", batchId: 0,
  unblendedCost: amortized, amortizedCost: amortized, netAmortizedCost: (Number(amortized) / 2).toFixed(3), ...extra,
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, parseOwnership(ownership, "ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2024-09-01" });
  await database.db.insert(costLineItems).values([
    // batch-eks on 2024-09-05: 0.96 + 0.24 = 1.20, found by either tag
    line("2024-09-05", "i-0batch1", { "aws:eks:cluster-name": "batch-eks" }, "0.96"),
    line("2024-09-05", "i-0batch2", { "kubernetes.io/cluster/batch-eks": "owned" }, "0.24", { usageHour: 2 }),
    // an instance of batch-eks whose pods carry split data keeps that path
    line("2024-09-05", "i-0split", { "aws:eks:cluster-name": "batch-eks" }, "0.06", { usageHour: 3 }),
    line("2024-09-05", "arn:aws:eks:us-east-1:555555555555:pod/batch-eks/search/ix", { "aws:eks:cluster-name": "batch-eks", "aws:eks:namespace": "search", team: "checkout" }, "0", { usageType: "USE1-EKS-EC2-vCPU-Hours", usageHour: 3, parentResourceId: "i-0split", splitCost: "0.05", unusedCost: "0.01" }),
    // batch-eks on 2024-09-06: 0.40 (payments and idle); on 2024-09-07 no allocations: the ordinary path
    line("2024-09-06", "i-0batch1", { "aws:eks:cluster-name": "batch-eks" }, "0.4"),
    line("2024-09-07", "i-0batch1", { "aws:eks:cluster-name": "batch-eks", team: "search" }, "0.5"),
    // lab-k8s (self-managed) on 2024-09-05, and a volume of it: only instances are split
    line("2024-09-05", "i-0lab", { "kubernetes.io/cluster/lab-k8s": "shared" }, "0.3"),
    line("2024-09-05", "vol-0lab", { "kubernetes.io/cluster/lab-k8s": "owned", team: "platform" }, "0.05", { usageType: "EBS:VolumeUsage.gp3" }),
    // a line with no resource id is no instance (nor dropped)
    line("2024-09-05", null, { "kubernetes.io/cluster/lab-k8s": "owned", team: "platform" }, "0.02", { usageType: "LoadBalancerUsage" }),
    // a value that is neither owned nor shared names no cluster
    line("2024-09-05", "i-0stray", { "kubernetes.io/cluster/lab-k8s": "other", team: "search" }, "0.11"),
  ]);
  await importOpenCost(database.db, "batch-eks", [{ name: SAMPLE, text: readFileSync(SAMPLE, "utf8") }]);
  await importOpenCost(database.db, "lab-k8s", [{ name: "lab.json", text: labAnswer }]);
  await attribute(1);
});
afterAll(() => database.drop());

async function attribute(runId: number) {
  const { reconciliation } = await database.db.transaction((tx) => attributeAndReconcile(tx, { start: "2024-09-01", end: "2024-09-08" }, runId));
  expect(reconciliation.mismatches).toEqual([]);
}

const rows = (day: string) =>
  queryRows<{ team: string; decided: string; cluster: string | null; namespace: string | null; basis: string | null; unblended: string; amortized: string; net: string }>(
    database.db,
    sql`select team_id as team, decided_by as decided, cluster, namespace, cluster_basis as basis, sum(unblended_cost)::text as unblended, sum(amortized_cost)::text as amortized, sum(net_amortized_cost)::text as net
        from attributed_costs where day = ${day}::date and account_id = ${ACCOUNT} group by 1, 2, 3, 4, 5
        having sum(unblended_cost) <> 0 or sum(amortized_cost) <> 0 or sum(net_amortized_cost) <> 0 order by 3, 5, 4, 1, 2`,
  );
const amortized = async (day: string) => (await rows(day)).map((r) => [r.team, r.decided, r.cluster, r.namespace, r.basis, r.amortized].join(" "));

describe("attribution of clusters without split data", () => {
  it("splits each cluster-day's instance cost by OpenCost's totalCost, exactly; namespaces, labels and idle to their teams; split data and other lines keep their paths", async () => {
    // batch-eks: 1.20 by kube-system 0.5, payments 2.913579, search 1.086421, __idle__ 1.5 (of 6):
    // 0.10, 0.58, 0.22 (the largest remainder), idle 0.30 proportional to 0.10 : 0.58 : 0.22 -> 0.03, 0.20, 0.07.
    expect(await amortized("2024-09-05")).toEqual([
      "platform cluster batch-eks kube-system opencost 0.1",
      "payments namespace batch-eks payments opencost 0.58",
      "search namespace batch-eks search opencost 0.22",
      "payments idle batch-eks  opencost 0.2",
      "platform idle batch-eks  opencost 0.03",
      "search idle batch-eks  opencost 0.07",
      "checkout pod-label batch-eks search split 0.05",
      "checkout idle batch-eks  split 0.01",
      // lab-k8s by label:team: checkout 2/3 of 0.30, __unallocated__ 1/3 to its owner
      "checkout pod-label lab-k8s  opencost 0.2",
      "data cluster lab-k8s  opencost 0.1",
      // the volume, the line without a resource and the stray instance go by their own tags
      "platform tag    0.07",
      "search tag    0.11",
    ]);
    expect(await amortized("2024-09-06")).toEqual(["payments namespace batch-eks payments opencost 0.2", "payments idle batch-eks  opencost 0.2"]);
    expect(await amortized("2024-09-07")).toEqual(["search tag    0.5"]);
  });

  it("attributed = billed to the cent in every measure, each cluster-day's instance cost exactly once", async () => {
    const [totals] = await queryRows<Record<string, boolean>>(
      database.db,
      sql`select ${sql.join(["unblended_cost", "amortized_cost", "net_amortized_cost"].map((m) => sql`(select sum(${sql.raw(m)}) from attributed_costs) = (select sum(${sql.raw(m)}) from cost_line_items) as ${sql.raw(m)}`), sql`, `)}`,
    );
    expect(totals).toEqual({ unblended_cost: true, amortized_cost: true, net_amortized_cost: true });
    const net = (await rows("2024-09-05")).filter((r) => r.cluster === "batch-eks" && r.basis === "opencost");
    // net amortized 0.48 + 0.12 = 0.60 split the same way: 0.05, 0.29, 0.11, idle 0.15
    expect(net.reduce((sum, r) => sum + Math.round(Number(r.net) * 100), 0)).toBe(60);
  });

  it("GET /api/why names the cluster, namespace and basis, with OpenCost's allocation behind it", async () => {
    const why = await explainCell(database.db, { teamId: "payments", day: "2024-09-05" });
    const byNamespace = why.clusters.find((c) => c.decidedBy === "namespace")!;
    expect(byNamespace).toMatchObject({ cluster: "batch-eks", namespace: "payments", basis: "opencost", ruleKind: "namespace", ruleNamespace: "payments", amortized: "0.58", pods: [] });
    expect(byNamespace.allocations).toEqual([
      { name: "payments", namespace: "payments", label: null, idle: false, totalCost: "2.913579", cpuCost: "1.913579", ramCost: "0.75", gpuCost: "0", pvCost: "0.2", networkCost: "0.05", cpuEfficiency: "0.4", ramEfficiency: "0.6" },
    ]);
    expect(why.clusters.find((c) => c.decidedBy === "idle")).toMatchObject({ cluster: "batch-eks", basis: "opencost", idle: "proportional", allocations: [{ name: "__idle__", idle: true, totalCost: "1.5" }] });
    const checkout = await explainCell(database.db, { teamId: "checkout", day: "2024-09-05" });
    expect(checkout.clusters.map((c) => [c.cluster, c.decidedBy, c.basis, c.allocations.map((a) => a.label ?? a.name)])).toEqual([
      ["lab-k8s", "pod-label", "opencost", ["team=checkout"]],
      ["batch-eks", "pod-label", "split", []],
      ["batch-eks", "idle", "split", []],
    ]);
  });

  it("GET /api/clusters shows OpenCost clusters by team and namespace, idle as (idle)", async () => {
    const response = await createApp(database, "demo").request("/api/clusters?grain=day&from=2024-09-05&to=2024-09-06");
    const body = clustersResponseSchema.parse(await response.json());
    const lab = body.clusters.find((c) => c.cluster === "lab-k8s")!;
    expect([lab.total, lab.idle, lab.teams]).toEqual(["0.3", "0", [{ teamId: "checkout", amount: "0.2" }, { teamId: "data", amount: "0.1" }]]);
    const batch = body.clusters.find((c) => c.cluster === "batch-eks")!;
    expect(batch.periods.map((p) => [p.period, p.total, p.idle])).toEqual([["2024-09-05", "1.26", "0.31"], ["2024-09-06", "0.4", "0.2"]]);
    expect(batch.namespaces).toEqual([{ namespace: "payments", amount: "0.78" }, { namespace: "(idle)", amount: "0.51" }, { namespace: "search", amount: "0.27" }, { namespace: "kube-system", amount: "0.1" }]);
  });

  it("GET /api/clusters/:cluster adds requested against used per namespace from OpenCost's averages over its minutes (vCPU-hours, GiB-hours)", async () => {
    const response = await createApp(database, "demo").request("/api/clusters/batch-eks?grain=day&from=2024-09-05&to=2024-09-06");
    const detail = clusterDetailResponseSchema.parse(await response.json());
    expect(detail.usage).toEqual([
      { namespace: "search", resource: "vCPU", reserved: "0", actual: "0", usedShare: null }, // the split-data pod, which carries no usage here
      // kube-system: 0.5 cores requested, 0.125 used, over 1440 minutes; 1 GiB and 0.5 GiB
      { namespace: "kube-system", resource: "memory", reserved: "24", actual: "12", usedShare: "0.5" },
      { namespace: "kube-system", resource: "vCPU", reserved: "12", actual: "3", usedShare: "0.25" },
      // payments on two days: 4 GiB requested both, 2.4 and 2 GiB used; 2 cores, 0.8 and 1 used
      { namespace: "payments", resource: "memory", reserved: "192", actual: "105.6", usedShare: "0.55" },
      { namespace: "payments", resource: "vCPU", reserved: "96", actual: "43.2", usedShare: "0.45" },
      { namespace: "search", resource: "memory", reserved: "48", actual: "38.4", usedShare: "0.8" },
      { namespace: "search", resource: "vCPU", reserved: "24", actual: "21.6", usedShare: "0.9" },
    ]);
  });
});

describe("import", () => {
  const count = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from opencost_allocations`))[0]!.n;
  const snapshot = () => queryRows(database.db, sql`select cluster, day::text, name, namespace, label_key, label_value, idle, total_cost::text, cpu_cost::text, ram_efficiency::text from opencost_allocations order by 1, 2, 3`);

  it("a re-import of the same cluster-days replaces them: the same rows and the same attribution", async () => {
    const before = await snapshot();
    const attributedBefore = await amortized("2024-09-05");
    const { run, attribution } = await importOpenCostCommand(database, "batch-eks", [SAMPLE], (window) => attributeJob(database, "test", window));
    expect(run).toMatchObject({ status: "succeeded", rowsWritten: 6, window: { start: "2024-09-05", end: "2024-09-07" }, details: { cluster: "batch-eks", days: ["2024-09-05", "2024-09-06"] } });
    expect(attribution?.status).toBe("succeeded");
    expect(await snapshot()).toEqual(before);
    expect(await amortized("2024-09-05")).toEqual(attributedBefore);
  });

  it("a new answer for one day replaces that day only", async () => {
    const day6 = JSON.stringify({ code: 200, data: [{ search: { name: "search", properties: { cluster: "batch-eks", namespace: "search" }, window: { start: "2024-09-06T00:00:00Z", end: "2024-09-07T00:00:00Z" }, cpuCost: 1, gpuCost: 0, ramCost: 0, pvCost: 0, networkCost: 0, totalCost: 1 } }] });
    await importOpenCost(database.db, "batch-eks", [{ name: "day6.json", text: day6 }]);
    await attribute(2);
    expect(await amortized("2024-09-06")).toEqual(["search namespace batch-eks search opencost 0.4"]);
    expect((await amortized("2024-09-05")).filter((r) => r.includes("opencost") && r.includes("batch-eks"))).toHaveLength(6);
    await importOpenCost(database.db, "batch-eks", [{ name: SAMPLE, text: readFileSync(SAMPLE, "utf8") }]);
    await attribute(3);
  });

  it.each([
    ["a missing field", (text: string) => text.replace('"totalCost":2.913579,', ""), `${SAMPLE}, data[0]["payments"].totalCost: missing: a number`],
    ["a window that is not a day", (text: string) => text.replace('"window":{"start":"2024-09-06T00:00:00Z","end":"2024-09-07T00:00:00Z"}', '"window":{"start":"2024-09-06T00:00:00Z","end":"2024-09-06T12:00:00Z"}'), `${SAMPLE}, data[1]["__idle__"].window: 2024-09-06T00:00:00Z..2024-09-06T12:00:00Z is not one UTC day`],
    ["another cluster's answer", (text: string) => text.replaceAll('"cluster":"batch-eks"', '"cluster":"cluster-one"'), `${SAMPLE}, data[0]["__idle__"].properties.cluster: is "cluster-one", not the cluster named for this import ("batch-eks")`],
  ])("%s is refused naming the file, entry and field, and nothing is written (the good file before it neither)", async (_what, spoil, message) => {
    const before = await snapshot();
    const good = { name: "good.json", text: JSON.stringify({ code: 200, data: [{ web: { name: "web", properties: { cluster: "batch-eks" }, window: { start: "2024-09-08T00:00:00Z", end: "2024-09-09T00:00:00Z" }, cpuCost: 1, gpuCost: 0, ramCost: 0, pvCost: 0, networkCost: 0, totalCost: 1 } }] }) };
    await expect(importOpenCost(database.db, "batch-eks", [good, { name: SAMPLE, text: spoil(readFileSync(SAMPLE, "utf8")) }])).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
  });

  it("the CLI's run records a refused file as failed with the message, writes nothing and attributes nothing", async () => {
    const before = await snapshot();
    const { run, attribution } = await importOpenCostCommand(database, "lab-k8s", [SAMPLE], () => Promise.reject(new Error("must not attribute")));
    expect(run.status).toBe("failed");
    expect(run.error).toContain(`${SAMPLE}, data[0]["__idle__"].properties.cluster: is "batch-eks", not the cluster named for this import ("lab-k8s")`);
    expect(attribution).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it("one cluster-day in two files is refused", async () => {
    const rowsBefore = await count();
    const text = readFileSync(SAMPLE, "utf8");
    await expect(importOpenCost(database.db, "batch-eks", [{ name: "a.json", text }, { name: "b.json", text }])).rejects.toThrow('b.json: 2024-09-05 of cluster "batch-eks" is also in a.json');
    expect(await count()).toBe(rowsBefore);
  });
});
