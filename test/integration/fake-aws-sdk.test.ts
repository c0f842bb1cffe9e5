// The real AWS SDK clients over HTTP against the fake endpoint: wire protocol, paging, errors,
// retries and signing regions behave as the sync will meet them against AWS.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { GetCostAndUsageCommand, GetDimensionValuesCommand, type GetCostAndUsageCommandInput } from "@aws-sdk/client-cost-explorer";
import { paginateGetResources } from "@aws-sdk/client-resource-groups-tagging-api";
import { CostExplorerEmulator } from "../../jobs/sources/fixtures/cost-explorer-emulator.js";
import { TaggingEmulator } from "../../jobs/sources/fixtures/tagging-emulator.js";
import { startFakeAws, type FakeAws } from "../fake-aws/server.js";
import { fakeCostExplorerClient, fakeTaggingClient } from "../fake-aws/clients.js";
import { SAMPLE_ACCOUNTS, sampleResources, sampleRows } from "../fake-aws/sample-data.js";

const rows = sampleRows({ start: "2024-01-01", days: 45 });
const resources = sampleResources(57);
const PAGE_SIZE = 7;

const groupedByAccountAndTeam: GetCostAndUsageCommandInput = {
  TimePeriod: { Start: "2024-01-01", End: "2024-02-15" },
  Granularity: "DAILY",
  Metrics: ["UnblendedCost"],
  GroupBy: [{ Type: "DIMENSION", Key: "LINKED_ACCOUNT" }, { Type: "TAG", Key: "team" }],
};

let fake: FakeAws;

beforeAll(async () => {
  fake = await startFakeAws({
    costExplorer: new CostExplorerEmulator(rows, SAMPLE_ACCOUNTS, { pageSize: PAGE_SIZE }),
    tagging: new TaggingEmulator(resources),
  });
});
afterAll(() => fake.close());
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});

/** Follows NextPageToken like the sync does; returns every group amount and the page count. */
async function fetchAllCosts(input: GetCostAndUsageCommandInput, maxAttempts = 3) {
  const client = fakeCostExplorerClient(fake, { maxAttempts });
  try {
    const amounts: string[] = [];
    const keys = new Set<string>();
    let pages = 0;
    let token: string | undefined;
    do {
      const page = await client.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
      pages += 1;
      for (const result of page.ResultsByTime ?? []) {
        for (const group of result.Groups ?? []) {
          keys.add([result.TimePeriod?.Start, ...(group.Keys ?? [])].join("|"));
          amounts.push(group.Metrics!.UnblendedCost!.Amount!);
        }
      }
      token = page.NextPageToken;
    } while (token);
    return { amounts, keys, pages };
  } finally {
    client.destroy();
  }
}

type SdkError = Error & { $metadata: { httpStatusCode?: number; attempts?: number } };

/** The error a call rejects with; fails the test if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error("expected the call to fail");
}

function total(amounts: string[]): Decimal {
  return amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0));
}

describe("Cost Explorer through the real SDK", () => {
  it("pages through GetCostAndUsage with NextPageToken and collects every group once", async () => {
    const { amounts, keys, pages } = await fetchAllCosts(groupedByAccountAndTeam);
    expect(pages).toBeGreaterThan(10);
    expect(keys.size).toBe(amounts.length);
    expect(total(amounts).equals(total(rows.map((r) => r.unblended)))).toBe(true);
    expect(fake.requests).toHaveLength(pages);
    expect(fake.requests.every((r) => r.target === "AWSInsightsIndexService.GetCostAndUsage" && r.region === "us-east-1" && r.status === 200)).toBe(true);
  });

  it("answers GetDimensionValues with account names", async () => {
    const client = fakeCostExplorerClient(fake);
    const output = await client.send(new GetDimensionValuesCommand({ TimePeriod: { Start: "2024-01-01", End: "2024-02-01" }, Dimension: "LINKED_ACCOUNT" }));
    client.destroy();
    expect(output.DimensionValues).toEqual(SAMPLE_ACCOUNTS.map((a) => ({ Value: a.id, Attributes: { description: a.name } })));
    expect(output.TotalSize).toBe(3);
  });

  it("surfaces a ValidationException with its message", async () => {
    const client = fakeCostExplorerClient(fake);
    const error = await rejectionOf(
      client.send(new GetCostAndUsageCommand({ ...groupedByAccountAndTeam, TimePeriod: { Start: "2024-02-01", End: "2024-01-01" } })),
    );
    client.destroy();
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ValidationException");
    expect(error.message).toBe("Start date (and hour) should be before end date (and hour)");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(fake.requests).toHaveLength(1); // not retried
  });

  it("retries two throttled requests and succeeds on the third attempt", async () => {
    fake.injectFaults([{ kind: "throttle", times: 2, target: "GetCostAndUsage" }]);
    const client = fakeCostExplorerClient(fake, { maxAttempts: 3 });
    const output = await client.send(new GetCostAndUsageCommand({ ...groupedByAccountAndTeam, GroupBy: [] }));
    client.destroy();
    expect(output.$metadata.attempts).toBe(3);
    expect(fake.requests.map((r) => [r.status, r.errorCode])).toEqual([
      [400, "LimitExceededException"],
      [400, "LimitExceededException"],
      [200, undefined],
    ]);
  });

  it("gives up on 500s after maxAttempts", async () => {
    fake.injectFaults([{ kind: "serverError", times: 10 }]);
    const client = fakeCostExplorerClient(fake, { maxAttempts: 2 });
    const error = await rejectionOf(client.send(new GetCostAndUsageCommand(groupedByAccountAndTeam)));
    client.destroy();
    expect(error.name).toBe("InternalServerError");
    expect(error.$metadata).toMatchObject({ httpStatusCode: 500, attempts: 2 });
    expect(fake.requests).toHaveLength(2);
  });

  it("fails a paging loop mid-way when the connection drops after two pages and retries are off", async () => {
    fake.injectFaults([{ kind: "drop", target: "GetCostAndUsage", afterSuccesses: 2 }]);
    await expect(fetchAllCosts(groupedByAccountAndTeam, 1)).rejects.toThrow();
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 0]);
  });

  it("survives a dropped connection mid-way when the SDK retries", async () => {
    fake.injectFaults([{ kind: "drop", target: "GetCostAndUsage", afterSuccesses: 2 }]);
    const { amounts } = await fetchAllCosts(groupedByAccountAndTeam, 3);
    expect(total(amounts).equals(total(rows.map((r) => r.unblended)))).toBe(true);
    expect(fake.requests.filter((r) => r.fault === "drop")).toHaveLength(1);
  });

  it("answers slowly when told to", async () => {
    fake.injectFaults([{ kind: "delay", delayMs: 150 }]);
    const startedAt = Date.now();
    const client = fakeCostExplorerClient(fake);
    await client.send(new GetDimensionValuesCommand({ TimePeriod: { Start: "2024-01-01", End: "2024-02-01" }, Dimension: "SERVICE" }));
    client.destroy();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
  });
});

describe("Tagging through the real SDK", () => {
  it("pages with paginateGetResources until the empty token, in the client's region", async () => {
    const client = fakeTaggingClient(fake, "eu-west-1");
    const arns: string[] = [];
    let pages = 0;
    for await (const page of paginateGetResources({ client, pageSize: 5 }, {})) {
      pages += 1;
      arns.push(...(page.ResourceTagMappingList ?? []).map((m) => m.ResourceARN!));
    }
    client.destroy();
    const expected = resources.filter((r) => r.region === "eu-west-1").map((r) => r.arn);
    expect(arns).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 5));
    expect(fake.requests.every((r) => r.region === "eu-west-1" && r.target === "ResourceGroupsTaggingAPI_20170126.GetResources")).toBe(true);
    expect(fake.requests.map((r) => (r.body as { ResourcesPerPage?: number }).ResourcesPerPage)).toEqual(Array(pages).fill(5));
  });

  it("takes the region from the signature, per client", async () => {
    const client = fakeTaggingClient(fake, "us-east-1");
    const arns: string[] = [];
    for await (const page of paginateGetResources({ client }, { TagFilters: [{ Key: "team", Values: ["payments"] }] })) {
      arns.push(...(page.ResourceTagMappingList ?? []).map((m) => m.ResourceARN!));
    }
    client.destroy();
    expect(arns).toEqual(resources.filter((r) => r.region === "us-east-1" && r.tags.team === "payments").map((r) => r.arn));
    expect(fake.requests.map((r) => r.region)).toEqual(["us-east-1"]);
  });

  it("retries ThrottledException", async () => {
    fake.injectFaults([{ kind: "throttle", times: 2, target: "GetResources" }]);
    const client = fakeTaggingClient(fake, "eu-west-1", { maxAttempts: 3 });
    const pages = paginateGetResources({ client, pageSize: 100 }, {});
    const first = await pages.next();
    client.destroy();
    expect(first.value?.$metadata.attempts).toBe(3);
    expect(fake.requests.map((r) => r.errorCode)).toEqual(["ThrottledException", "ThrottledException", undefined]);
  });
});

describe("fake endpoint protocol", () => {
  it("answers an unknown X-Amz-Target with UnknownOperationException", async () => {
    const response = await fetch(fake.url, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSInsightsIndexService.GetCostForecastz" },
      body: "{}",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: "UnknownOperationException", message: 'Unknown operation "AWSInsightsIndexService.GetCostForecastz"' });
  });
});
