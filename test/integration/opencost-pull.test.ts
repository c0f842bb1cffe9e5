// The scheduled OpenCost pull against a local OpenCost API on 127.0.0.1 (a real HTTP server, real
// fetch): the /allocation query it sends, the answer stored as import-opencost stores it and the days
// re-attributed, one recorded run per cluster, a failing API named on its run without stopping the
// others or touching what is stored, the token sent and never recorded.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { costLineItems, jobRuns } from "../../db/schema";
import { attributeJob } from "../../jobs/attribution/attribute-job";
import { OPENCOST_LOCK, pullOpenCost } from "../../jobs/imports/opencost/pull-opencost";
import type { OpenCostConfig } from "../../jobs/config/opencost-config";
import { applyClusterOwners } from "../support/cluster-owners";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { allocationAnswer, byAggregate, startFakeOpenCost, type FakeOpenCost } from "../support/fake-opencost";

const SAMPLE = readFileSync("fixtures/samples/opencost-allocation-namespace.json", "utf8"); // batch-eks, 2024-09-05 and 2024-09-06
const WORKLOADS = allocationAnswer(
  "batch-eks",
  ["2024-09-05", "2024-09-06"].map((day) => ({
    day,
    allocations: {
      "payments/deployment:checkout-api": { namespace: "payments", cpuCost: 2, ramCost: 1, totalCost: 3, cpuCoreRequestAverage: 2, cpuCoreUsageAverage: 0.5 },
      "payments/__unallocated__": { namespace: "payments", totalCost: 0.1 },
      __idle__: { totalCost: 1 },
    },
  })),
);
const ANSWERS = byAggregate({ namespace: SAMPLE, "namespace,controller": WORKLOADS });
const TOKEN = "oc-token-7f3a9c1e";
const TODAY = "2024-09-07";

let api: FakeOpenCost;
let database: TestDatabase;

beforeAll(async () => {
  api = await startFakeOpenCost();
  database = await createTestDatabase();
  await applyClusterOwners(database.db, "clusters: [{ name: batch-eks, owner: platform, idle: proportional, namespaces: { payments: payments, search: search } }]");
  const line = (day: string, amortized: string) => ({
    day, accountId: "555555555555", service: "Amazon Elastic Compute Cloud", recordType: "Usage", usageType: "BoxUsage:m5.xlarge", resourceId: "i-0batch1",
    tags: { "aws:eks:cluster-name": "batch-eks" }, usageHour: 1, source: "cur", batchId: 0, unblendedCost: amortized, amortizedCost: amortized, netAmortizedCost: amortized,
  });
  await database.db.insert(costLineItems).values([line("2024-09-05", "1.2"), line("2024-09-06", "0.4")]);
});
beforeEach(async () => {
  api.answers.clear();
  api.seen.length = 0;
  await database.db.execute(sql`truncate opencost_allocations, opencost_workloads, attributed_costs, job_runs`);
});
afterAll(async () => {
  await database.drop();
  await api.close();
});

const config = (clusters: string[], token: string | null = TOKEN): OpenCostConfig => ({ clusters: clusters.map((name) => ({ name, url: `${api.base}/${name}` })), token, cron: "0 * * * *", days: 3, aggregate: "namespace" });
const pull = (clusters: string[]) => pullOpenCost(database, config(clusters), (window) => attributeJob(database, "test", window), TODAY);
const stored = () => queryRows<{ cluster: string; day: string; name: string; total: string }>(database.db, sql`select cluster, day::text, name, total_cost::text as total from opencost_allocations order by 1, 2, 3`);
const opencostTeams = (day: string) =>
  queryRows<{ team: string; amount: string }>(
    database.db,
    sql`select team_id as team, sum(amortized_cost)::text as amount from attributed_costs where day = ${day}::date and cluster_basis = 'opencost' group by 1 order by 1`,
  );

it("asks /allocation for the last OPENCOST_DAYS whole UTC days, one set a day, idle apart and unshared, by namespace and by workload, with the token", async () => {
  api.answers.set("batch-eks", ANSWERS);
  const [pulled] = (await pull(["batch-eks"]))!;
  expect(api.seen.map(({ url }) => [url.pathname, url.searchParams.get("aggregate")])).toEqual([["/batch-eks/allocation", "namespace"], ["/batch-eks/allocation", "namespace,controller"]]);
  for (const { url, authorization } of api.seen) {
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ window: "2024-09-04T00:00:00Z,2024-09-07T00:00:00Z", step: "1d", accumulate: "false", includeIdle: "true", shareIdle: "false" });
    expect(authorization).toBe(`Bearer ${TOKEN}`);
  }
  // 6 allocations, and one workload a day (idle and unallocated are no workloads)
  expect(pulled!.run).toMatchObject({ status: "succeeded", rowsWritten: 8, apiRequests: 2, window: { start: "2024-09-05", end: "2024-09-07" }, details: { workloadDays: ["2024-09-05", "2024-09-06"] } });
  const workloads = await queryRows(database.db, sql`select day::text, name, workload, namespace from opencost_workloads order by 1`);
  expect(workloads).toEqual(["2024-09-05", "2024-09-06"].map((day) => ({ day, name: "payments/deployment:checkout-api", workload: "deployment:checkout-api", namespace: "payments" })));
});

it("stores the answer as import-opencost does and re-attributes its days; a second pull replaces them, the same rows", async () => {
  api.answers.set("batch-eks", ANSWERS);
  const [pulled] = (await pull(["batch-eks"]))!;
  const first = await stored();
  expect(first.map((row) => `${row.day} ${row.name}`)).toEqual(["2024-09-05 __idle__", "2024-09-05 kube-system", "2024-09-05 payments", "2024-09-05 search", "2024-09-06 __idle__", "2024-09-06 payments"]);
  // 0.40 on 2024-09-06: payments 0.2 by namespace, the idle 0.2 proportional to it
  expect(await opencostTeams("2024-09-06")).toEqual([{ team: "payments", amount: "0.4" }]);
  const { status, window } = pulled!.attribution!;
  expect(status).toBe("succeeded");
  expect(window!.start <= "2024-09-05" && window!.end >= "2024-09-07").toBe(true);
  await pull(["batch-eks"]);
  expect(await stored()).toEqual(first);
});

it("a cluster whose API fails gets a failed run naming it and the status; the next cluster is still pulled, and what was stored stays", async () => {
  api.answers.set("batch-eks", ANSWERS);
  await pull(["batch-eks"]);
  const before = await stored();
  api.answers.set("batch-eks", () => ({ status: 503, body: "prometheus is down" }));
  api.answers.set("lab-k8s", () => ({ status: 200, body: JSON.stringify({ code: 200, data: [null, null, null] }) }));
  const pulled = (await pull(["batch-eks", "lab-k8s"]))!;
  expect(pulled.map((p) => [p.cluster, p.run.status, p.attribution])).toEqual([["batch-eks", "failed", null], ["lab-k8s", "succeeded", null]]);
  expect(pulled[0]!.run.error).toMatch(/the OpenCost API of cluster "batch-eks" \(http:\/\/127\.0\.0\.1:\d+\/batch-eks\) answered HTTP 503/);
  expect(pulled[0]!.run.apiRequests).toBe(1); // the failed request counts
  expect(await stored()).toEqual(before);
});

it("an answer the checks refuse fails naming the cluster, days, entry and field; nothing of it is written", async () => {
  api.answers.set("batch-eks", byAggregate({ namespace: SAMPLE.replace('"totalCost":2.913579,', ""), "namespace,controller": WORKLOADS }));
  const [pulled] = (await pull(["batch-eks"]))!;
  expect(pulled!.run.error).toBe('OpenCostImportError: OpenCost of batch-eks by namespace, 2024-09-04 to 2024-09-07, data[0]["payments"].totalCost: missing: a number');
  expect(pulled!.run.apiRequests).toBe(2);
  expect(await stored()).toEqual([]);
});

it("a redirect is refused, not followed (it could carry the token elsewhere)", async () => {
  api.answers.set("batch-eks", () => ({ status: 302, body: "", headers: { location: `${api.base}/elsewhere/allocation` } }));
  const [pulled] = (await pull(["batch-eks"]))!;
  expect(pulled!.run.status).toBe("failed");
  expect(pulled!.run.error).toMatch(/cluster "batch-eks" .* did not answer: .*redirect/);
  expect(api.seen.map((request) => request.cluster)).toEqual(["batch-eks"]);
});

it("the token is recorded on no run, even when an API answers with it", async () => {
  api.answers.set("batch-eks", ANSWERS);
  api.answers.set("lab-k8s", () => ({ status: 401, body: `bad token ${TOKEN}` }));
  await pull(["batch-eks", "lab-k8s"]);
  const runs = await database.db.select().from(jobRuns);
  expect(runs.map((run) => run.job).sort()).toEqual(["attribute", "opencost-pull", "opencost-pull"]);
  expect(JSON.stringify(runs)).not.toContain(TOKEN);
});

it("pulls once when another instance holds the lock", async () => {
  api.answers.set("batch-eks", ANSWERS);
  const inner = await database.withAdvisoryLock(OPENCOST_LOCK, () => pull(["batch-eks"]));
  expect(inner).toBeUndefined();
  expect(api.seen).toEqual([]);
});
