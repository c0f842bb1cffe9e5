import { describe, expect, it } from "vitest";
import type { GetResourcesCommandInput } from "@aws-sdk/client-resource-groups-tagging-api";
import { TaggingEmulator } from "../../jobs/sources/fixtures/tagging-emulator.js";
import type { TaggedResource } from "../../jobs/sources/fixtures/dataset.js";

const resources: TaggedResource[] = [
  { arn: "arn:aws:ec2:eu-west-1:111111111111:instance/i-1", region: "eu-west-1", tags: { team: "payments", env: "prod" } },
  { arn: "arn:aws:ec2:eu-west-1:111111111111:volume/vol-1", region: "eu-west-1", tags: { team: "search" } },
  { arn: "arn:aws:rds:eu-west-1:111111111111:db:orders", region: "eu-west-1", tags: { team: "payments", env: "" } },
  { arn: "arn:aws:s3:::logs-bucket", region: "eu-west-1", tags: { Team: "payments" } },
  { arn: "arn:aws:lambda:eu-west-1:111111111111:function:resize", region: "eu-west-1", tags: {} },
  { arn: "arn:aws:ec2:us-east-1:111111111111:instance/i-2", region: "us-east-1", tags: { team: "payments" } },
];

async function arns(input: GetResourcesCommandInput, region = "eu-west-1"): Promise<string[]> {
  const output = await new TaggingEmulator(resources).getResources(region, input);
  return output.ResourceTagMappingList!.map((mapping) => mapping.ResourceARN!.split(":").slice(2).join(":"));
}

describe("TaggingEmulator filters", () => {
  const cases: { name: string; input: GetResourcesCommandInput; expected: string[] }[] = [
    {
      name: "no filters: every resource of the region, untagged ones included",
      input: {},
      expected: ["ec2:eu-west-1:111111111111:instance/i-1", "ec2:eu-west-1:111111111111:volume/vol-1", "rds:eu-west-1:111111111111:db:orders", "s3:::logs-bucket", "lambda:eu-west-1:111111111111:function:resize"],
    },
    { name: "one key, one value (keys case-sensitive)", input: { TagFilters: [{ Key: "team", Values: ["payments"] }] }, expected: ["ec2:eu-west-1:111111111111:instance/i-1", "rds:eu-west-1:111111111111:db:orders"] },
    { name: "values are ORed", input: { TagFilters: [{ Key: "team", Values: ["search", "payments"] }] }, expected: ["ec2:eu-west-1:111111111111:instance/i-1", "ec2:eu-west-1:111111111111:volume/vol-1", "rds:eu-west-1:111111111111:db:orders"] },
    { name: "keys are ANDed; no values = key present, even empty", input: { TagFilters: [{ Key: "team", Values: ["payments"] }, { Key: "env" }] }, expected: ["ec2:eu-west-1:111111111111:instance/i-1", "rds:eu-west-1:111111111111:db:orders"] },
    { name: "type filter service:type", input: { ResourceTypeFilters: ["ec2:instance"] }, expected: ["ec2:eu-west-1:111111111111:instance/i-1"] },
    { name: "type filter service only", input: { ResourceTypeFilters: ["ec2", "s3"] }, expected: ["ec2:eu-west-1:111111111111:instance/i-1", "ec2:eu-west-1:111111111111:volume/vol-1", "s3:::logs-bucket"] },
    { name: "type filter with ':' resources", input: { ResourceTypeFilters: ["rds:db", "lambda:function", "s3:bucket"] }, expected: ["rds:eu-west-1:111111111111:db:orders", "s3:::logs-bucket", "lambda:eu-west-1:111111111111:function:resize"] },
  ];
  it.each(cases)("$name", async ({ input, expected }) => {
    expect(await arns(input)).toEqual(expected);
  });

  it("answers per region", async () => {
    expect(await arns({}, "us-east-1")).toEqual(["ec2:us-east-1:111111111111:instance/i-2"]);
    expect(await arns({}, "ap-south-1")).toEqual([]);
  });

  it("returns tags as Key/Value pairs and [] for resources that lost theirs", async () => {
    const output = await new TaggingEmulator(resources).getResources("eu-west-1", { ResourceTypeFilters: ["ec2:instance", "lambda"] });
    expect(output.ResourceTagMappingList!.map((m) => m.Tags)).toEqual([
      [{ Key: "team", Value: "payments" }, { Key: "env", Value: "prod" }],
      [],
    ]);
  });
});

describe("TaggingEmulator paging", () => {
  const many: TaggedResource[] = Array.from({ length: 123 }, (_, i) => ({
    arn: `arn:aws:ec2:eu-west-1:111111111111:instance/i-${i}`,
    region: "eu-west-1",
    tags: { n: String(i) },
  }));

  async function collect(emulator: TaggingEmulator, input: GetResourcesCommandInput) {
    const pages: number[] = [];
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const output = await emulator.getResources("eu-west-1", { ...input, PaginationToken: token });
      pages.push(output.ResourceTagMappingList!.length);
      seen.push(...output.ResourceTagMappingList!.map((m) => m.ResourceARN!));
      token = output.PaginationToken;
    } while (token !== "");
    return { pages, seen };
  }

  it.each([
    { perPage: undefined, pages: [50, 50, 23] },
    { perPage: 100, pages: [100, 23] },
    { perPage: 1, pages: Array(123).fill(1) },
    { perPage: 41, pages: [41, 41, 41] },
  ])("ResourcesPerPage $perPage pages as $pages.length pages and ends with an empty token", async ({ perPage, pages }) => {
    const result = await collect(new TaggingEmulator(many), { ResourcesPerPage: perPage });
    expect(result.pages).toEqual(pages);
    expect(new Set(result.seen).size).toBe(123);
  });

  it("answers an empty listing with one page and token \"\"", async () => {
    const output = await new TaggingEmulator(many).getResources("us-east-1", {});
    expect(output).toMatchObject({ ResourceTagMappingList: [], PaginationToken: "" });
  });

  it.each([0, 101, 2.5])("rejects ResourcesPerPage %s", async (perPage) => {
    await expect(new TaggingEmulator(many).getResources("eu-west-1", { ResourcesPerPage: perPage })).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("rejects a garbage token and a token from another request", async () => {
    const emulator = new TaggingEmulator(many);
    await expect(emulator.getResources("eu-west-1", { PaginationToken: "garbage" })).rejects.toMatchObject({ name: "InvalidParameterException" });
    const first = await emulator.getResources("eu-west-1", {});
    await expect(emulator.getResources("us-east-1", { PaginationToken: first.PaginationToken })).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("expires tokens after 15 minutes", async () => {
    let now = 0;
    const emulator = new TaggingEmulator(many, { now: () => now });
    const first = await emulator.getResources("eu-west-1", {});
    now = 15 * 60_000 + 1;
    await expect(emulator.getResources("eu-west-1", { PaginationToken: first.PaginationToken })).rejects.toMatchObject({ name: "PaginationTokenExpiredException" });
  });

  it("rejects a TagFilter without a key", async () => {
    await expect(new TaggingEmulator(many).getResources("eu-west-1", { TagFilters: [{ Values: ["x"] }] })).rejects.toMatchObject({ name: "InvalidParameterException" });
  });
});
