import { describe, expect, it } from "vitest";
import fc from "fast-check";
import Decimal from "decimal.js";
import type { Expression, GetCostAndUsageCommandInput, GetCostAndUsageCommandOutput } from "@aws-sdk/client-cost-explorer";
import { CostExplorerEmulator } from "../../jobs/sources/fixtures/cost-explorer-emulator.js";
import type { BillingRow } from "../../jobs/sources/fixtures/dataset.js";
import { SAMPLE_ACCOUNTS, microDollars, sampleRows } from "../fake-aws/sample-data.js";

function row(overrides: Partial<BillingRow>): BillingRow {
  return {
    day: "2024-03-01",
    accountId: "111111111111",
    service: "Amazon Elastic Compute Cloud - Compute",
    region: "us-east-1",
    usageType: "BoxUsage:m5.large",
    recordType: "Usage",
    tags: {},
    unblended: "1.00",
    amortized: "1.00",
    netAmortized: "1.00",
    usageQuantity: "1",
    ...overrides,
  };
}

const MARCH = { Start: "2024-03-01", End: "2024-04-01" };
const base: GetCostAndUsageCommandInput = { TimePeriod: MARCH, Granularity: "MONTHLY", Metrics: ["UnblendedCost"] };

/** Every page of a request, following NextPageToken like a sync does. */
async function allPages(emulator: CostExplorerEmulator, input: GetCostAndUsageCommandInput): Promise<GetCostAndUsageCommandOutput[]> {
  const pages: GetCostAndUsageCommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await emulator.getCostAndUsage({ ...input, NextPageToken: token });
    pages.push(page);
    token = page.NextPageToken;
  } while (token);
  return pages;
}

/** "period|key1|key2" -> amount, over all pages. */
function groupAmounts(pages: GetCostAndUsageCommandOutput[], metric = "UnblendedCost"): Map<string, string> {
  const amounts = new Map<string, string>();
  for (const page of pages) {
    for (const result of page.ResultsByTime ?? []) {
      for (const group of result.Groups ?? []) {
        const id = [result.TimePeriod!.Start, ...group.Keys!].join("|");
        expect(amounts.has(id), `group ${id} appears twice`).toBe(false);
        amounts.set(id, group.Metrics![metric]!.Amount!);
      }
    }
  }
  return amounts;
}

function sum(amounts: Iterable<string>): Decimal {
  let total = new Decimal(0);
  for (const amount of amounts) total = total.plus(amount);
  return total;
}

describe("CostExplorerEmulator validation", () => {
  const emulator = new CostExplorerEmulator([row({})], SAMPLE_ACCOUNTS);
  const cases: { name: string; input: Partial<GetCostAndUsageCommandInput>; code: string; message: RegExp }[] = [
    { name: "three GroupBy", input: { GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }, { Type: "DIMENSION", Key: "REGION" }, { Type: "TAG", Key: "team" }] }, code: "ValidationException", message: /up to two/ },
    { name: "End equal to Start", input: { TimePeriod: { Start: "2024-03-01", End: "2024-03-01" } }, code: "ValidationException", message: /before end date/ },
    { name: "End before Start", input: { TimePeriod: { Start: "2024-03-05", End: "2024-03-01" } }, code: "ValidationException", message: /before end date/ },
    { name: "impossible date", input: { TimePeriod: { Start: "2024-02-30", End: "2024-03-05" } }, code: "ValidationException", message: /Invalid date/ },
    { name: "missing TimePeriod", input: { TimePeriod: undefined }, code: "ValidationException", message: /TimePeriod/ },
    { name: "unknown metric", input: { Metrics: ["UnblendedCost", "Cost"] }, code: "ValidationException", message: /Invalid metrics: Cost/ },
    { name: "no metrics", input: { Metrics: [] }, code: "ValidationException", message: /Metrics/ },
    { name: "HOURLY not enabled", input: { Granularity: "HOURLY" }, code: "ValidationException", message: /Hourly/ },
    { name: "unknown granularity", input: { Granularity: "WEEKLY" as "DAILY" }, code: "ValidationException", message: /DAILY or MONTHLY/ },
    { name: "bad group type", input: { GroupBy: [{ Type: "LABEL" as "TAG", Key: "team" }] }, code: "ValidationException", message: /group type/ },
    { name: "unsupported dimension", input: { GroupBy: [{ Type: "DIMENSION", Key: "RESOURCE_ID" }] }, code: "ValidationException", message: /RESOURCE_ID/ },
    {
      name: "two roots in one expression",
      input: { Filter: { Dimensions: { Key: "SERVICE", Values: ["x"] }, Tags: { Key: "team", Values: ["a"] } } },
      code: "ValidationException",
      message: /zero or more than one roots/,
    },
    { name: "empty expression", input: { Filter: {} }, code: "ValidationException", message: /zero or more than one roots/ },
    { name: "And with one operand", input: { Filter: { And: [{ Tags: { Key: "team", Values: ["a"] } }] } }, code: "ValidationException", message: /at least 2 operands/ },
    { name: "garbage token", input: { NextPageToken: "not-a-token" }, code: "InvalidNextTokenException", message: /not valid/ },
  ];
  it.each(cases)("rejects $name with $code", async ({ input, code, message }) => {
    const error = await emulator.getCostAndUsage({ ...base, ...input }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe(code);
    expect((error as Error).message).toMatch(message);
  });

  it("rejects a token replayed against a different request", async () => {
    const paged = new CostExplorerEmulator([row({ tags: { team: "a" } }), row({ tags: { team: "b" } })], SAMPLE_ACCOUNTS, { pageSize: 1 });
    const input = { ...base, GroupBy: [{ Type: "TAG" as const, Key: "team" }] };
    const first = await paged.getCostAndUsage(input);
    expect(first.NextPageToken).toBeDefined();
    const error = await paged.getCostAndUsage({ ...input, Metrics: ["AmortizedCost"], NextPageToken: first.NextPageToken }).catch((e: Error) => e);
    expect((error as Error).name).toBe("RequestChangedException");
  });
});

describe("CostExplorerEmulator filters", () => {
  const rows = [
    row({ accountId: "111111111111", service: "EC2", tags: { team: "payments" }, unblended: "1" }),
    row({ accountId: "111111111111", service: "S3", tags: { team: "search" }, unblended: "10" }),
    row({ accountId: "222222222222", service: "EC2", tags: {}, unblended: "100" }),
    row({ accountId: "222222222222", service: "S3", tags: { team: "" }, unblended: "1000" }),
    row({ accountId: "333333333333", service: "EC2", tags: { Team: "payments" }, unblended: "10000" }),
  ];
  const emulator = new CostExplorerEmulator(rows, SAMPLE_ACCOUNTS);
  const cases: { name: string; filter: Expression; total: string }[] = [
    { name: "tag EQUALS", filter: { Tags: { Key: "team", Values: ["payments"] } }, total: "1" },
    { name: "tag keys are case-sensitive", filter: { Tags: { Key: "Team", Values: ["payments"] } }, total: "10000" },
    { name: "tag ABSENT (missing or empty value)", filter: { Tags: { Key: "team", MatchOptions: ["ABSENT"] } }, total: "11100" },
    { name: "tag CASE_INSENSITIVE value", filter: { Tags: { Key: "team", Values: ["PAYMENTS"], MatchOptions: ["EQUALS", "CASE_INSENSITIVE"] } }, total: "1" },
    { name: "dimension EQUALS (default)", filter: { Dimensions: { Key: "SERVICE", Values: ["EC2"] } }, total: "10101" },
    { name: "dimension values are ORed", filter: { Dimensions: { Key: "LINKED_ACCOUNT", Values: ["111111111111", "333333333333"] } }, total: "10011" },
    { name: "Not", filter: { Not: { Dimensions: { Key: "SERVICE", Values: ["EC2"] } } }, total: "1010" },
    {
      name: "And",
      filter: { And: [{ Dimensions: { Key: "SERVICE", Values: ["EC2"] } }, { Tags: { Key: "team", MatchOptions: ["ABSENT"] } }] },
      total: "10100",
    },
    {
      name: "Or",
      filter: { Or: [{ Dimensions: { Key: "LINKED_ACCOUNT", Values: ["222222222222"] } }, { Tags: { Key: "team", Values: ["search"] } }] },
      total: "1110",
    },
    { name: "cost categories: the demo has none, so every row is ABSENT", filter: { CostCategories: { Key: "Product", MatchOptions: ["ABSENT"] } }, total: "11111" },
  ];
  it.each(cases)("$name", async ({ filter, total }) => {
    const output = await emulator.getCostAndUsage({ ...base, Filter: filter });
    expect(output.ResultsByTime![0]!.Total!.UnblendedCost!.Amount).toBe(total);
  });
});

describe("CostExplorerEmulator grouping and periods", () => {
  const rows = [
    row({ day: "2024-02-28", tags: { team: "payments" }, unblended: "0.10", amortized: "0.20", usageQuantity: "3" }),
    row({ day: "2024-03-01", tags: { team: "payments" }, unblended: "1.25" }),
    row({ day: "2024-03-01", tags: {}, unblended: "2.50", accountId: "222222222222" }),
    row({ day: "2024-03-03", tags: { team: "search" }, unblended: "0.000001", accountId: "222222222222" }),
    row({ day: "2024-04-01", tags: { team: "search" }, unblended: "99" }), // after the period: excluded
  ];
  const emulator = new CostExplorerEmulator(rows, SAMPLE_ACCOUNTS, { estimatedFrom: "2024-03-02" });

  it("keys tag groups as <key>$<value> and untagged rows as <key>$", async () => {
    const output = await emulator.getCostAndUsage({ ...base, GroupBy: [{ Type: "TAG", Key: "team" }] });
    const groups = output.ResultsByTime![0]!.Groups!;
    expect(groups.map((g) => [g.Keys, g.Metrics!.UnblendedCost])).toEqual([
      [["team$"], { Amount: "2.5", Unit: "USD" }],
      [["team$payments"], { Amount: "1.25", Unit: "USD" }],
      [["team$search"], { Amount: "0.000001", Unit: "USD" }],
    ]);
    expect(output.ResultsByTime![0]!.Total).toEqual({});
    expect(output.GroupDefinitions).toEqual([{ Type: "TAG", Key: "team" }]);
  });

  it("groups by two keys and names linked accounts", async () => {
    const output = await emulator.getCostAndUsage({ ...base, GroupBy: [{ Type: "DIMENSION", Key: "LINKED_ACCOUNT" }, { Type: "TAG", Key: "team" }] });
    expect(output.ResultsByTime![0]!.Groups!.map((g) => g.Keys)).toEqual([
      ["111111111111", "team$payments"],
      ["222222222222", "team$"],
      ["222222222222", "team$search"],
    ]);
    expect(output.DimensionValueAttributes).toEqual([
      { Value: "111111111111", Attributes: { description: "payments-prod" } },
      { Value: "222222222222", Attributes: { description: "search-prod" } },
    ]);
  });

  it("DAILY gives one result per day, empty days included, with Estimated from the configured day", async () => {
    const output = await emulator.getCostAndUsage({ ...base, TimePeriod: { Start: "2024-02-28", End: "2024-03-04" }, Granularity: "DAILY" });
    const results = output.ResultsByTime!;
    expect(results.map((r) => [r.TimePeriod!.Start, r.TimePeriod!.End, r.Total!.UnblendedCost!.Amount, r.Estimated])).toEqual([
      ["2024-02-28", "2024-02-29", "0.1", false],
      ["2024-02-29", "2024-03-01", "0", false],
      ["2024-03-01", "2024-03-02", "3.75", false],
      ["2024-03-02", "2024-03-03", "0", true],
      ["2024-03-03", "2024-03-04", "0.000001", true],
    ]);
    expect(results.every((r) => Array.isArray(r.Groups) && r.Groups.length === 0)).toBe(true);
  });

  it("MONTHLY gives calendar months clipped to the period", async () => {
    const output = await emulator.getCostAndUsage({
      ...base,
      TimePeriod: { Start: "2024-02-15", End: "2024-04-10" },
      Metrics: ["UnblendedCost", "AmortizedCost", "UsageQuantity"],
    });
    expect(output.ResultsByTime!.map((r) => [r.TimePeriod, r.Total])).toEqual([
      [
        { Start: "2024-02-15", End: "2024-03-01" },
        { UnblendedCost: { Amount: "0.1", Unit: "USD" }, AmortizedCost: { Amount: "0.2", Unit: "USD" }, UsageQuantity: { Amount: "3", Unit: "N/A" } },
      ],
      [
        { Start: "2024-03-01", End: "2024-04-01" },
        { UnblendedCost: { Amount: "3.750001", Unit: "USD" }, AmortizedCost: { Amount: "3", Unit: "USD" }, UsageQuantity: { Amount: "3", Unit: "N/A" } },
      ],
      [
        { Start: "2024-04-01", End: "2024-04-10" },
        { UnblendedCost: { Amount: "99", Unit: "USD" }, AmortizedCost: { Amount: "1", Unit: "USD" }, UsageQuantity: { Amount: "1", Unit: "N/A" } },
      ],
    ]);
  });

  it("answers GetDimensionValues with account names", async () => {
    const output = await emulator.getDimensionValues({ TimePeriod: MARCH, Dimension: "LINKED_ACCOUNT" });
    expect(output.DimensionValues).toEqual([
      { Value: "111111111111", Attributes: { description: "payments-prod" } },
      { Value: "222222222222", Attributes: { description: "search-prod" } },
    ]);
    expect([output.ReturnSize, output.TotalSize]).toEqual([2, 2]);
    const services = await emulator.getDimensionValues({ TimePeriod: MARCH, Dimension: "SERVICE" });
    expect(services.DimensionValues).toEqual([{ Value: "Amazon Elastic Compute Cloud - Compute", Attributes: {} }]);
  });
});

describe("CostExplorerEmulator paging and totals", () => {
  const grouped: GetCostAndUsageCommandInput = {
    TimePeriod: { Start: "2024-01-29", End: "2024-02-04" },
    Granularity: "DAILY",
    Metrics: ["UnblendedCost", "AmortizedCost"],
    GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }, { Type: "TAG", Key: "team" }],
  };

  it("totals equal the exact decimal sum of the rows", async () => {
    const rows = sampleRows({ start: "2024-01-01", days: 60 });
    const emulator = new CostExplorerEmulator(rows, SAMPLE_ACCOUNTS);
    const output = await emulator.getCostAndUsage({ ...base, TimePeriod: { Start: "2024-01-01", End: "2024-03-01" } });
    const reported = sum(output.ResultsByTime!.map((r) => r.Total!.UnblendedCost!.Amount!));
    expect(reported.equals(sum(rows.map((r) => r.unblended)))).toBe(true);
  });

  it("splits a period across pages and continues it on the next page", async () => {
    const emulator = new CostExplorerEmulator(sampleRows({ start: "2024-01-29", days: 6 }), SAMPLE_ACCOUNTS, { pageSize: 4 });
    const pages = await allPages(emulator, grouped);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((page) => page.ResultsByTime!.reduce((n, r) => n + r.Groups!.length, 0) <= 4)).toBe(true);
    const starts = pages.flatMap((page) => page.ResultsByTime!.map((r) => r.TimePeriod!.Start));
    expect(new Set(starts).size).toBe(6);
    expect(starts.length).toBeGreaterThan(6); // some period appears on two pages
  });

  it("property: pages hold every group exactly once and add up to the unpaged answer", async () => {
    const rowArbitrary = fc.record({
      day: fc.constantFrom("2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02"),
      accountId: fc.constantFrom("111111111111", "222222222222"),
      service: fc.constantFrom("EC2", "S3", "RDS"),
      team: fc.constantFrom("payments", "search", "data", undefined),
      micros: fc.integer({ min: -5_000_000, max: 500_000_000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArbitrary, { maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom<"DAILY" | "MONTHLY">("DAILY", "MONTHLY"),
        async (generated, pageSize, granularity) => {
          const rows = generated.map((g) =>
            row({ day: g.day, accountId: g.accountId, service: g.service, tags: g.team ? { team: g.team } : {}, unblended: microDollars(g.micros), amortized: microDollars(g.micros) }),
          );
          const input = { ...grouped, Granularity: granularity };
          const unpaged = groupAmounts(await allPages(new CostExplorerEmulator(rows, SAMPLE_ACCOUNTS), input));
          const pages = await allPages(new CostExplorerEmulator(rows, SAMPLE_ACCOUNTS, { pageSize }), input);
          const paged = groupAmounts(pages); // throws on a group seen twice
          expect(paged).toEqual(unpaged);
          expect(sum(paged.values()).equals(sum(rows.map((r) => r.unblended)))).toBe(true);
          for (const page of pages) {
            expect(page.ResultsByTime!.reduce((n, r) => n + r.Groups!.length, 0)).toBeLessThanOrEqual(pageSize);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
