// The commitment calls through the real AWS SDK against the fake endpoint, answered from the demo
// company: paging (NextPageToken for reservations and recommendations, NextToken for Savings Plans
// coverage), AWS-like errors, and the sync that stores one run's answers in one transaction.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import {
  GetReservationPurchaseRecommendationCommand,
  GetReservationUtilizationCommand,
  GetSavingsPlansUtilizationCommand,
  paginateGetReservationPurchaseRecommendation,
  paginateGetSavingsPlansCoverage,
  type GetReservationUtilizationCommandOutput,
} from "@aws-sdk/client-cost-explorer";
import { loadBillingDataset } from "../../jobs/sources/fixtures/dataset";
import { CostExplorerEmulator } from "../../jobs/sources/fixtures/cost-explorer-emulator";
import { TaggingEmulator } from "../../jobs/sources/fixtures/tagging-emulator";
import { CommitmentsEmulator } from "../../jobs/sources/fixtures/commitments-emulator";
import { commitmentsApi } from "../../jobs/sources/commitments-api";
import { costExplorerApi, taggingApi } from "../../jobs/sources/aws-clients";
import { awsSource } from "../../jobs/sources/billing-source";
import { syncCommitments } from "../../jobs/commitments/sync-commitments";
import { queryRows } from "../../db/client";
import { startFakeAws, type FakeAws } from "../fake-aws/server";
import { fakeCostExplorerClient, fakeTaggingClient } from "../fake-aws/clients";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const demo = loadBillingDataset("fixtures/demo");
const TODAY = demo.manifest.asOf; // 2026-11-21
const YEAR = { Start: "2025-10-01", End: TODAY };
let fake: FakeAws;
let database: TestDatabase;

beforeAll(async () => {
  fake = await startFakeAws({
    costExplorer: new CostExplorerEmulator(demo.rows, demo.accounts),
    tagging: new TaggingEmulator(demo.resources),
    commitments: new CommitmentsEmulator(demo.rows, { pageSize: 5 }),
  });
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  await fake.close();
});
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});

describe("paging through the real SDK", () => {
  it("reservation utilization per subscription: 4 reservations x 14 months over 12 pages of 5 groups, each month's groups summing to its total", async () => {
    const client = fakeCostExplorerClient(fake);
    const pages: GetReservationUtilizationCommandOutput[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new GetReservationUtilizationCommand({ TimePeriod: YEAR, Granularity: "MONTHLY", GroupBy: [{ Type: "DIMENSION", Key: "SUBSCRIPTION_ID" }], NextPageToken: token }));
      pages.push(page);
      token = page.NextPageToken;
    } while (token);
    expect(pages).toHaveLength(12); // 56 groups / 5
    const groups = pages.flatMap((p) => (p.UtilizationsByTime ?? []).flatMap((u) => (u.Groups ?? []).map((g) => ({ month: u.TimePeriod!.Start!, g }))));
    expect(groups).toHaveLength(56);
    expect(new Set(groups.map(({ g }) => g.Value)).size).toBe(4);
    const november = groups.filter(({ month }) => month === "2026-11-01").reduce((a, { g }) => a.plus(g.Utilization!.PurchasedHours!), new Decimal(0));
    const novemberTotal = pages.flatMap((p) => p.UtilizationsByTime ?? []).find((u) => u.TimePeriod!.Start === "2026-11-01")!.Total!.PurchasedHours;
    expect(november.toString()).toBe(novemberTotal); // 30,720 hours bought in 20 days
    expect(groups.find(({ g }) => g.Attributes?.instanceType === "m6i.xlarge")?.g.Attributes?.numberOfInstances).toBe("36");
  });

  it("Savings Plans coverage pages with NextToken (the SDK's own paginator): 14 months, 3 a page", async () => {
    const client = fakeCostExplorerClient(fake);
    const pages = [];
    for await (const page of paginateGetSavingsPlansCoverage({ client, pageSize: 3 }, { TimePeriod: YEAR, Granularity: "MONTHLY" })) pages.push(page);
    expect(pages).toHaveLength(5);
    const months = pages.flatMap((p) => p.SavingsPlansCoverages ?? []);
    expect(months.map((m) => m.TimePeriod!.Start)).toEqual(Array.from(new Set(months.map((m) => m.TimePeriod!.Start))));
    expect(months).toHaveLength(14);
    expect(months[0]!.Coverage!.SpendCoveredBySavingsPlans).toBe("0.00"); // the plan starts in January 2026
    expect(new Decimal(months.at(-1)!.Coverage!.SpendCoveredBySavingsPlans!).gt(0)).toBe(true);
    const sent = fake.requests.map((r) => r.body as { NextToken?: string; NextPageToken?: string });
    expect(sent.slice(1).every((b) => b.NextToken && !b.NextPageToken)).toBe(true);
  });

  it("reservation recommendations page their details with NextPageToken and PageSize", async () => {
    const client = fakeCostExplorerClient(fake);
    const input = () => ({ Service: "Amazon Elastic Compute Cloud - Compute", TermInYears: "ONE_YEAR", PaymentOption: "NO_UPFRONT", LookbackPeriodInDays: "THIRTY_DAYS" }) as const;
    const pages = [];
    for await (const page of paginateGetReservationPurchaseRecommendation({ client, pageSize: 4 }, input())) pages.push(page); // (the paginator writes its token into the input)
    const details = pages.flatMap((p) => p.Recommendations?.[0]?.RecommendationDetails ?? []);
    const whole = await client.send(new GetReservationPurchaseRecommendationCommand({ ...input(), PageSize: 100 }));
    expect(pages.length).toBe(Math.ceil(details.length / 4));
    expect(details.map((d) => d.InstanceDetails?.EC2InstanceDetails?.InstanceType)).toEqual(whole.Recommendations![0]!.RecommendationDetails!.map((d) => d.InstanceDetails?.EC2InstanceDetails?.InstanceType));
    expect(details.length).toBeGreaterThan(4);
  });
});

describe("AWS-like errors through the real SDK", () => {
  const client = () => fakeCostExplorerClient(fake, { maxAttempts: 1 });
  it.each([
    ["a recommendation without Service", "ValidationException", /Service is required/, () => client().send(new GetReservationPurchaseRecommendationCommand({} as never))],
    ["a bad term", "ValidationException", /TermInYears/, () => client().send(new GetReservationPurchaseRecommendationCommand({ Service: "Amazon Relational Database Service", TermInYears: "TWO_YEARS" as never }))],
    ["a forged token", "InvalidNextTokenException", /not valid/, () => client().send(new GetReservationUtilizationCommand({ TimePeriod: YEAR, NextPageToken: "not-a-token" }))],
    ["Savings Plans utilization before any plan", "DataUnavailableException", /No Savings Plans/, () => client().send(new GetSavingsPlansUtilizationCommand({ TimePeriod: { Start: "2025-10-01", End: "2025-12-31" } }))],
    ["an end before the start", "ValidationException", /before end/, () => client().send(new GetSavingsPlansUtilizationCommand({ TimePeriod: { Start: "2026-05-01", End: "2026-04-01" } }))],
  ] as const)("%s -> %s", async (_name, code, message, send) => {
    await expect(send()).rejects.toMatchObject({ name: code, message: expect.stringMatching(message) });
  });

  it("a token replayed against another request is RequestChangedException", async () => {
    const first = await client().send(new GetReservationUtilizationCommand({ TimePeriod: YEAR, GroupBy: [{ Type: "DIMENSION", Key: "SUBSCRIPTION_ID" }] }));
    const other = client().send(new GetReservationUtilizationCommand({ TimePeriod: { Start: "2026-01-01", End: TODAY }, GroupBy: [{ Type: "DIMENSION", Key: "SUBSCRIPTION_ID" }], NextPageToken: first.NextPageToken }));
    await expect(other).rejects.toMatchObject({ name: "RequestChangedException" });
  });
});

describe("syncCommitments", () => {
  const source = () =>
    awsSource(["us-east-1"], {
      costExplorer: costExplorerApi(fakeCostExplorerClient(fake)),
      tagging: taggingApi((region) => fakeTaggingClient(fake, region)),
      commitments: commitmentsApi(fakeCostExplorerClient(fake, { maxAttempts: 2 })),
    });
  const counts = () =>
    queryRows<{ runs: number; coverage: number; recommendations: number }>(
      database.db,
      sql`select (select count(distinct run_id) from commitment_coverage)::int as runs, (select count(*) from commitment_coverage)::int as coverage, (select count(*) from commitment_recommendations)::int as recommendations`,
    );

  it("stores every page of one run, counting each request, and rides out throttling", async () => {
    fake.injectFaults([{ kind: "throttle", target: "GetSavingsPlansCoverage", times: 1 }]);
    const run = await syncCommitments(database, { ...source(), today: () => TODAY }, { retries: 1, baseDelayMs: 1 });
    expect(run.status).toBe("succeeded");
    const answered = fake.requests.filter((r) => r.status === 200).length;
    expect(run.apiRequests).toBe(answered);
    const [stored] = await counts();
    expect(stored!.runs).toBe(1);
    expect(stored!.recommendations).toBe(run.details!.recommendations);
    const [spTotal] = await queryRows<{ covered: string }>(database.db, sql`select sum(covered)::text as covered from commitment_coverage where kind = 'savings-plan'`);
    const planned = demo.rows.filter((r) => r.recordType === "SavingsPlanCoveredUsage" && r.day >= "2025-11-01").reduce((a, r) => a.plus(r.amortized), new Decimal(0));
    expect(new Decimal(spTotal!.covered).toFixed(2)).toBe(planned.toFixed(2)); // 12 months back from 2026-11-01
  });

  it("a failure part-way stores nothing of that run", async () => {
    const before = await counts();
    fake.injectFaults([{ kind: "serverError", target: "GetSavingsPlansPurchaseRecommendation", times: 10, afterSuccesses: 2 }]);
    const run = await syncCommitments(database, { ...source(), today: () => TODAY }, { retries: 0, baseDelayMs: 1 });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/internal error/i);
    expect(await counts()).toEqual(before);
  });
});
