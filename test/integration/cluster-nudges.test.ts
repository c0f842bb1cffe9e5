// The cluster nudges on a small split CUR import (test/support/cluster-cur.ts, 2024-09-01..16, the two
// weeks through the 16th): prod-eks idle 28 of 126 (22.2%) above its ownership-file goal of 20%,
// namespace ml-scratch's 56 on no team, workload batch at 10% of its reserved vCPU for two weeks.
import { afterAll, beforeAll, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { parseOwnership } from "../../jobs/ownership/ownership-file";
import { generateNudges } from "../../jobs/nudges/generate-nudges";
import { nudges } from "../../db/schema/nudges";
import { createApp } from "../../api/app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { CLUSTER_CUR_SPAN, CLUSTER_OWNERSHIP, importClusterCur } from "../support/cluster-cur";

const RULES = ["cluster-idle-share", "unowned-namespace", "underused-workload"];
const TODAY = CLUSTER_CUR_SPAN.last;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await importClusterCur(database, CLUSTER_CUR_SPAN);
}, 120_000);
afterAll(() => database?.drop());

const clusterNudges = () =>
  database.db
    .select({ rule: nudges.rule, teamId: nudges.teamId, subject: nudges.subject, title: nudges.title, monthlyAtStake: nudges.monthlyAtStake, status: nudges.status, evidence: nudges.evidence })
    .from(nudges)
    .where(inArray(nudges.rule, RULES))
    .orderBy(nudges.rule, nudges.subject);

it("raises the idle share above the file's goal, the ownerless namespace and the underused workload, with their dollars", async () => {
  const result = await generateNudges(database.db, TODAY);
  expect(result.byRule).toMatchObject({ "cluster-idle-share": 1, "unowned-namespace": 1, "underused-workload": 1 });
  const rows = await clusterNudges();
  expect(rows.map(({ evidence, ...row }) => row)).toEqual([
    // idle 2 a day of 8.5 (9.5 with cron from the 10th): 28 of 126 over 09-03..16; $60/month idle, 28 - 126 x 0.2 = 2.8 over the goal
    { rule: "cluster-idle-share", teamId: "platform", subject: "cluster prod-eks", title: "$60/month idle in cluster prod-eks: 22.2% of its cost (goal 20%)", monthlyAtStake: "6.00", status: "open" },
    // batch's vCPU: split 2 a day, 2 reserved, 0.2 used: 1.8 a day of unused reservation, 25.2 over two weeks
    { rule: "underused-workload", teamId: "payments", subject: "workload prod-eks/payments/batch", title: "batch in prod-eks/payments used 10% of its reserved vCPU for two weeks: $54/month reserved and unused", monthlyAtStake: "54.00", status: "open" },
    // notebook's split 4 a day on no team (jobs-eks has no owner)
    { rule: "unowned-namespace", teamId: "unattributed", subject: "namespace jobs-eks/ml-scratch", title: "Namespace ml-scratch in cluster jobs-eks has no owner: $120/month on no team", monthlyAtStake: "120.00", status: "open" },
  ]);
  expect(rows[0]!.evidence).toMatchObject({ total: "126.00", idleCost: "28.00", idleShare: "0.2222", idleGoal: "0.2", goalFrom: "ownership file" });
  expect(rows[1]!.evidence).toMatchObject({ vcpuUsedShare: "0.1", memoryUsedShare: "0.75", underResources: "vCPU", splitCost: "42.00", unusedReservationCost: "25.20", from: "2024-09-03", to: TODAY });
  expect(rows[2]!.evidence).toMatchObject({ unattributedCost: "56.00" });
});

it("the Nudges page's answer lists them with the money at stake, for all teams and per team", async () => {
  const app = createApp(database, "demo");
  const inbox = (await (await app.request("/api/nudges")).json()) as { nudges: Array<{ rule: string; teamId: string; monthlyAtStake: string }> };
  expect(inbox.nudges.filter((n) => RULES.includes(n.rule)).map((n) => [n.rule, n.teamId, n.monthlyAtStake]).sort()).toEqual([
    ["cluster-idle-share", "platform", "6.00"],
    ["underused-workload", "payments", "54.00"],
    ["unowned-namespace", "unattributed", "120.00"],
  ]);
  const payments = (await (await app.request("/api/nudges?teamId=payments")).json()) as { nudges: Array<{ rule: string }> };
  expect(payments.nudges.map((n) => n.rule)).toContain("underused-workload");
});

it("at the default goal (25%) prod-eks's 22.2% idle is no longer raised, and its nudge resolves", async () => {
  await applyOwnership(database.db, parseOwnership(CLUSTER_OWNERSHIP("{ name: prod-eks, owner: platform, namespaces: { payments: payments } }"), "ownership.yaml"), {
    source: OWNERSHIP_FILE_SOURCE, actor: "test", effectiveFrom: "2024-09-16", today: TODAY,
  });
  const result = await generateNudges(database.db, TODAY);
  expect(result.byRule["cluster-idle-share"]).toBeUndefined();
  expect((await clusterNudges()).find((row) => row.rule === "cluster-idle-share")?.status).toBe("resolved");
});

it("an idleGoal that is not a share between 0 and 1 is refused with the line and field", () => {
  const withGoal = (goal: string) => CLUSTER_OWNERSHIP(`{ name: prod-eks, owner: platform, idleGoal: ${goal} }`);
  expect(() => parseOwnership(withGoal("1.5"), "ownership.yaml")).toThrow(/ownership\.yaml line 15, field kubernetes\.clusters\.0\.idleGoal: must be a share between 0 and 1, e.g\. 0\.2/);
  expect(() => parseOwnership(withGoal("lots"), "ownership.yaml")).toThrow(/field kubernetes\.clusters\.0\.idleGoal: must be a share between 0 and 1/);
  expect(parseOwnership(withGoal("0"), "ownership.yaml").kubernetes?.clusters[0]?.idleGoal).toBe(0);
});

it("a workload is raised only once it has stayed under 30% for two whole weeks: batch (from the 1st) on the 14th, not the 13th; cron (from the 10th) not yet", async () => {
  const on13th = await generateNudges(database.db, "2024-09-13"); // the window starts on 08-31, before batch ran
  expect(on13th.byRule["underused-workload"]).toBeUndefined();
  const on14th = await generateNudges(database.db, "2024-09-14");
  expect(on14th.byRule["underused-workload"]).toBe(1);
  const open = (await clusterNudges()).filter((row) => row.rule === "underused-workload" && row.status === "open");
  expect(open.map((row) => [row.subject, row.monthlyAtStake])).toEqual([["workload prod-eks/payments/batch", "54.00"]]);
});
