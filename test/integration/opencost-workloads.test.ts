// The workloads of a cluster split by OpenCost (its namespace,controller answers): the Clusters page's
// least-used workloads and the underused-workload nudge, in billed dollars. lab-k8s bills 4.80 a day;
// its namespaces weigh 3 (payments) and 1 (search) at OpenCost's list prices, so a list dollar is 1.20 billed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { costLineItems, nudges } from "../../db/schema";
import { attributeJob } from "../../jobs/attribution/attribute-job";
import { importOpenCost } from "../../jobs/imports/opencost/import-opencost";
import { generateNudges } from "../../jobs/nudges/generate-nudges";
import { createApp } from "../../api/app";
import { clusterDetailResponseSchema } from "../../api/responses/clusters";
import { addDays, daysBetween } from "../../db/calendar";
import { allocationAnswer } from "../support/fake-opencost";
import { applyClusterOwners } from "../support/cluster-owners";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const DAYS = daysBetween("2024-09-01", "2024-09-14");
const TODAY = DAYS.at(-1)!;
const GIB = 1024 ** 3;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await applyClusterOwners(database.db, "clusters: [{ name: lab-k8s, owner: platform, idle: owner, namespaces: { payments: payments, search: search } }]");
  await database.db.insert(costLineItems).values(
    DAYS.map((day) => ({
      day, accountId: "555555555555", service: "Amazon Elastic Compute Cloud", recordType: "Usage", usageType: "BoxUsage:m5.xlarge", resourceId: "i-0lab",
      tags: { "kubernetes.io/cluster/lab-k8s": "owned" }, usageHour: 1, source: "cur", batchId: 0, unblendedCost: "4.8", amortizedCost: "4.8", netAmortizedCost: "4.8",
    })),
  );
  const namespaces = allocationAnswer("lab-k8s", DAYS.map((day) => ({ day, allocations: { payments: { cpuCost: 2, ramCost: 1, totalCost: 3 }, search: { cpuCost: 0.5, ramCost: 0.5, totalCost: 1 } } })));
  const workloads = allocationAnswer(
    "lab-k8s",
    DAYS.map((day) => ({
      day,
      allocations: {
        // 2 cores requested, 0.2 used (10%); 4 GiB requested, 3 used (75%)
        "payments/deployment:checkout-api": { cpuCost: 2, ramCost: 1, totalCost: 3, cpuCoreRequestAverage: 2, cpuCoreUsageAverage: 0.2, ramByteRequestAverage: 4 * GIB, ramByteUsageAverage: 3 * GIB },
        // 1 core, 0.9 used; 1 GiB, all used
        "search/deployment:indexer": { cpuCost: 0.5, ramCost: 0.5, totalCost: 1, cpuCoreRequestAverage: 1, cpuCoreUsageAverage: 0.9, ramByteRequestAverage: GIB, ramByteUsageAverage: GIB },
        "payments/__unallocated__": { totalCost: 0 },
        __idle__: { totalCost: 0 },
      },
    })),
  );
  await importOpenCost(database.db, "lab-k8s", [{ name: "namespaces.json", text: namespaces }], [{ name: "workloads.json", text: workloads }]);
  expect((await attributeJob(database, "test", { start: DAYS[0]!, end: addDays(TODAY, 1) })).status).toBe("succeeded");
});
afterAll(() => database.drop());

it("GET /api/clusters/:cluster lists OpenCost's workloads that reserve most beyond use, their cost in billed dollars", async () => {
  const response = await createApp(database, "demo").request(`/api/clusters/lab-k8s?grain=day&from=${DAYS[0]}&to=${TODAY}`);
  const { workloads } = clusterDetailResponseSchema.parse(await response.json());
  expect(workloads).toEqual([
    // 14 days x 24 h: 672 vCPU-hours requested, 67.2 used; cost 2 x 1.20 a day
    { namespace: "payments", workload: "deployment:checkout-api", resource: "vCPU", reserved: "672", actual: "67.2", usedShare: "0.1", splitCost: "33.6" },
    { namespace: "payments", workload: "deployment:checkout-api", resource: "memory", reserved: "1344", actual: "1008", usedShare: "0.75", splitCost: "16.8" },
    { namespace: "search", workload: "deployment:indexer", resource: "vCPU", reserved: "336", actual: "302.4", usedShare: "0.9", splitCost: "8.4" },
    { namespace: "search", workload: "deployment:indexer", resource: "memory", reserved: "336", actual: "336", usedShare: "1", splitCost: "8.4" },
  ]);
});

it("nudges the workload whose vCPU stayed under 30% used for two weeks, to its namespace's team, with what the unused reservation costs", async () => {
  await generateNudges(database.db, TODAY);
  const raised = await database.db.select().from(nudges).where(eq(nudges.rule, "underused-workload"));
  // unused: 2.40 a day x (2 - 0.2) / 2 = 2.16; 30.24 over 14 days, 64.80 a 30-day month
  expect(raised.map(({ teamId, subject, title, monthlyAtStake }) => ({ teamId, subject, title, monthlyAtStake }))).toEqual([
    { teamId: "payments", subject: "workload lab-k8s/payments/deployment:checkout-api", title: "deployment:checkout-api in lab-k8s/payments used 10% of its reserved vCPU for two weeks: $65/month reserved and unused", monthlyAtStake: "64.80" },
  ]);
  expect(raised[0]!.evidence).toMatchObject({ vcpuUsedShare: "0.1", memoryUsedShare: "0.75", underResources: "vCPU", splitCost: "50.40", unusedReservationCost: "30.24", from: DAYS[0], to: TODAY });
});

it("a workload answer that is not by controller is refused naming the entry and field, and nothing is written", async () => {
  const byNamespace = allocationAnswer("lab-k8s", [{ day: "2024-09-15", allocations: { payments: { totalCost: 1 } } }]);
  await expect(importOpenCost(database.db, "lab-k8s", [], [{ name: "w.json", text: byNamespace }])).rejects.toThrow(
    'w.json, data[0]["payments"].name: "payments" is not a workload (kind:name, or namespace/kind:name); ask OpenCost for aggregate=namespace,controller',
  );
});
