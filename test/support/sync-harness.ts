// A database, a fake AWS endpoint serving a dataset, and a BillingSource whose real SDK clients
// talk to it: what a sync test needs, with the expected attribution computed independently.
import Decimal from "decimal.js";
import { CostExplorerEmulator } from "../../jobs/sources/fixtures/cost-explorer-emulator";
import { TaggingEmulator } from "../../jobs/sources/fixtures/tagging-emulator";
import type { BillingRow, TaggedResource } from "../../jobs/sources/fixtures/dataset";
import { awsSource, type BillingSource } from "../../jobs/sources/billing-source";
import { costExplorerApi, taggingApi } from "../../jobs/sources/aws-clients";
import { commitmentsApi } from "../../jobs/sources/commitments-api";
import { USAGE_RECORD_TYPES } from "../../jobs/sources/cost-explorer/query-plan";
import { parseOwnership, type Ownership } from "../../jobs/ownership/ownership-file";
import { startFakeAws, type FakeAws } from "../fake-aws/server";
import { fakeCostExplorerClient, fakeTaggingClient } from "../fake-aws/clients";
import { SAMPLE_ACCOUNTS } from "../fake-aws/sample-data";

export const OWNERSHIP_YAML = `
ownerTagKeys: [team, Team, owner]
orgs:
  - id: product
    name: Product
    groups:
      - id: commerce
        name: Commerce
        teams:
          - { id: payments, name: Payments }
          - { id: search, name: Search, tagValues: ["search-svc"] }
  - id: infrastructure
    name: Infrastructure
    groups:
      - id: platform-group
        name: Platform
        teams:
          - { id: platform, name: Platform }
accounts:
  - { id: "333333333333", owner: platform }
`;

export const ownership: Ownership = parseOwnership(OWNERSHIP_YAML, "test-ownership.yaml");

/** A mutable dataset behind a fake AWS endpoint; swap rows to simulate AWS restating days. */
export class FakeBilling {
  rows: BillingRow[];
  private constructor(
    readonly fake: FakeAws,
    rows: BillingRow[],
    readonly resources: TaggedResource[],
  ) {
    this.rows = rows;
  }

  static async start(rows: BillingRow[], resources: TaggedResource[]): Promise<FakeBilling> {
    let billing: FakeBilling | undefined;
    const fake = await startFakeAws({
      costExplorer: {
        getCostAndUsage: (input) => new CostExplorerEmulator(billing!.rows, SAMPLE_ACCOUNTS, { pageSize: 40 }).getCostAndUsage(input),
        getDimensionValues: (input) => new CostExplorerEmulator(billing!.rows, SAMPLE_ACCOUNTS).getDimensionValues(input),
      },
      tagging: new TaggingEmulator(resources),
    });
    billing = new FakeBilling(fake, rows, resources);
    return billing;
  }

  source(today: string, options: { maxAttempts?: number; regions?: string[] } = {}): BillingSource {
    const clientOptions = { maxAttempts: options.maxAttempts ?? 2 };
    return {
      ...awsSource(options.regions ?? ["us-east-1", "eu-west-1"], {
        costExplorer: costExplorerApi(fakeCostExplorerClient(this.fake, clientOptions)),
        tagging: taggingApi((region) => fakeTaggingClient(this.fake, region, clientOptions)),
        commitments: commitmentsApi(fakeCostExplorerClient(this.fake, clientOptions)),
      }),
      today: () => today,
    };
  }
}

/** Rows re-tagged so every owner-tag spelling, case and precedence case occurs. */
export function withOwnerTagSpellings(rows: BillingRow[]): BillingRow[] {
  return rows.map((row, i) => {
    const team = row.tags.team;
    if (!team) return row;
    if (i % 3 === 1) return { ...row, tags: { Team: team.toUpperCase(), env: "prod" } };
    if (i % 7 === 0) return { ...row, tags: { owner: team === "search" ? "search-svc" : team } };
    if (i % 11 === 0) return { ...row, tags: { team, owner: "someone-else" } }; // team wins over owner
    if (i % 13 === 0) return { ...row, tags: { team: "legacy-billing" } }; // unknown value: falls to the account owner
    return row;
  });
}

/** Attribution v1 computed without the database: owner tag, else account owner, else unattributed. */
export function expectedTeam(row: BillingRow): string {
  const teamByValue = new Map<string, string>();
  for (const team of ownership.orgs.flatMap((o) => o.groups.flatMap((g) => g.teams))) {
    for (const value of [team.id, ...team.tagValues]) teamByValue.set(value.toLowerCase(), team.id);
  }
  if (USAGE_RECORD_TYPES.includes(row.recordType)) {
    const key = ownership.ownerTagKeys.find((k) => (row.tags[k] ?? "").trim() !== "");
    const team = key ? teamByValue.get(row.tags[key]!.trim().toLowerCase()) : undefined;
    if (team) return team;
  }
  return ownership.accounts.find((a) => a.id === row.accountId)?.owner ?? "unattributed";
}

export type Measure = "unblended" | "amortized" | "netAmortized";

/** Sums of a measure keyed by whatever `key` returns, as decimal strings. */
export function sumBy(rows: BillingRow[], key: (row: BillingRow) => string, measure: Measure = "unblended"): Record<string, string> {
  const sums = new Map<string, Decimal>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? new Decimal(0)).plus(row[measure]));
  return Object.fromEntries([...sums.entries()].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, v.toString()]).sort());
}
