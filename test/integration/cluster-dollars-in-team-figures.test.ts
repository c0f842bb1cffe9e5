// A team's cluster (pod) dollars count like any other in its figures, on a small split CUR import
// (test/support/cluster-cur.ts) of all of September 2024, a complete month (the review's overhead
// per engineer reads complete months only). checkout: its S3 bucket 3 x 30 = 90 plus pod api's split
// cost 3.5 x 30 = 105 in prod-eks = 195; payments: batch 3 x 30 + cron 1 x 21 = 111; platform,
// prod-eks's owner: its idle 2 x 30 = 60. prod-eks: 8.5 x 30 + 21 = 276. The team page's cluster
// share, the leaderboard, the business review's spend and the per-engineer overhead all carry them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { importBusinessCsv } from "../../jobs/business/business-import";
import { createApp } from "../../api/app";
import { teamDetailAnswer } from "../../api/responses/costs";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { importClusterCur } from "../support/cluster-cur";

const SEPTEMBER = { first: "2024-09-01", last: "2024-09-30" };
let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const get = async (path: string): Promise<any> => {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  return response.json();
};

beforeAll(async () => {
  database = await createTestDatabase();
  await importClusterCur(database, SEPTEMBER);
  await importBusinessCsv(database.db, "headcount", "hris.csv", "month,team,engineers\n2024-09,checkout,4\n2024-09,payments,5\n");
  app = createApp(database, "demo");
}, 120_000);
afterAll(() => database?.drop());

it("the team detail answer gives checkout's share of prod-eks: 105 of its 276 (all pods), platform's 60 (all idle)", async () => {
  const range = `from=${SEPTEMBER.first}&to=${SEPTEMBER.last}`;
  const checkout = teamDetailAnswer.parse(await get(`/api/teams/checkout?${range}`));
  expect(checkout.total).toBe("195");
  expect(checkout.clusters).toEqual([{ cluster: "prod-eks", amount: "105", split: "105", idle: "0", clusterTotal: "276", share: "0.380435" }]);
  const platform = teamDetailAnswer.parse(await get(`/api/teams/platform?${range}`));
  expect(platform.clusters).toEqual([{ cluster: "prod-eks", amount: "60", split: "0", idle: "60", clusterTotal: "276", share: "0.217391" }]);
  const payments = teamDetailAnswer.parse(await get(`/api/teams/payments?${range}&measure=unblended`));
  expect(payments.clusters.map((c) => [c.cluster, c.amount, c.share])).toEqual([["prod-eks", "111", "0.402174"]]);
  const none = teamDetailAnswer.parse(await get(`/api/teams/checkout?from=2024-08-01&to=2024-08-31`));
  expect(none.clusters).toEqual([]);
});

it("the leaderboard counts checkout's pod cost in its spend: 195.00, payments 111.00, platform (idle) 60.00", async () => {
  const board = await get("/api/leaderboard?month=2024-09");
  const cost = (teamId: string) => board.teams.find((t: { teamId: string }) => t.teamId === teamId)?.currentCost;
  expect([cost("checkout"), cost("payments"), cost("platform")]).toEqual(["195.00", "111.00", "60.00"]);
});

it("the business review's spend for team checkout in 2024-09 is 195, and its overhead per engineer 195 / 4 = 48.75", async () => {
  const preview = await get("/api/reviews/preview?scope=team:checkout&period=2024-09");
  const metric = (key: string) => preview.document.metrics.find((m: { key: string }) => m.key === key)?.value;
  expect(metric("spend")).toBe("195");
  expect(metric("engineer_overhead")).toBe("48.75");
});

it("the per-team efficiency figures count pods too: checkout 195 total, 48.75 per engineer; payments 111, 22.2 per engineer", async () => {
  const teams = (await get("/api/metrics/teams?month=2024-09")).teams as Array<{ teamId: string; totalCost: string; overheadPerEngineer: string | null }>;
  const of = (teamId: string) => teams.find((t) => t.teamId === teamId)!;
  expect([of("checkout").totalCost, of("checkout").overheadPerEngineer]).toEqual(["195", "48.75"]);
  expect([of("payments").totalCost, of("payments").overheadPerEngineer]).toEqual(["111", "22.2"]);
});
