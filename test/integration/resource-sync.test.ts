// The Tagging API sync through the real SDK against the fake endpoint: paging over regions,
// first/last seen, and no change when the API fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncResources } from "../../jobs/sync/sync-resources";
import { resources } from "../../db/schema";
import { sampleResources } from "../fake-aws/sample-data";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { FakeBilling } from "../support/sync-harness";

const inventory = sampleResources(430); // 215 per region: three pages of 100 in each
const retry = { retries: 1, baseDelayMs: 1 };
let database: TestDatabase;
let billing: FakeBilling;

beforeAll(async () => {
  database = await createTestDatabase();
  billing = await FakeBilling.start([], inventory);
});
afterAll(async () => {
  await billing?.fake.close();
  await database?.drop();
});

describe("resource sync", () => {
  it("pages through every configured region and stores each resource with its tags", async () => {
    const run = await syncResources(database, billing.source("2026-11-21"), retry);
    expect(run.status).toBe("succeeded");
    expect(run.apiRequests).toBe(6);
    const stored = await database.db.select().from(resources);
    expect(stored).toHaveLength(inventory.length);
    const sample = inventory.find((r) => r.arn.includes(":instance/"))!;
    expect(stored.find((r) => r.arn === sample.arn)).toMatchObject({ service: "ec2", resourceType: "instance", region: sample.region, tags: sample.tags });
    expect(new Set(billing.fake.requests.map((r) => r.region))).toEqual(new Set(["us-east-1", "eu-west-1"]));
  });

  it("a rerun keeps first_seen, moves last_seen, and a failed run changes nothing", async () => {
    const before = await database.db.select().from(resources);
    const rerun = await syncResources(database, billing.source("2026-11-21"), retry);
    expect(rerun.status).toBe("succeeded");
    const after = await database.db.select().from(resources);
    expect(after).toHaveLength(before.length);
    const [b, a] = [before[0]!, after.find((r) => r.arn === before[0]!.arn)!];
    expect(a.firstSeenAt).toEqual(b.firstSeenAt);
    expect(a.lastSeenAt.getTime()).toBeGreaterThan(b.lastSeenAt.getTime());

    billing.fake.injectFaults([{ kind: "serverError", times: 20, afterSuccesses: 2 }]);
    const failed = await syncResources(database, billing.source("2026-11-21"), retry);
    billing.fake.clearFaults();
    expect(failed.status).toBe("failed");
    expect(await database.db.select().from(resources)).toEqual(after);
  });
});
