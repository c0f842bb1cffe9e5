// A small, deterministic billing dataset for tests: a few accounts, services, regions and teams
// (some rows untagged), amounts with up to 6 decimals as strings, and tagged resources per region.
import type { BillingRow, TaggedResource } from "../../jobs/sources/fixtures/dataset.js";

export const SAMPLE_ACCOUNTS = [
  { id: "111111111111", name: "payments-prod" },
  { id: "222222222222", name: "search-prod" },
  { id: "333333333333", name: "shared-dev" },
];
const SERVICES = ["Amazon Elastic Compute Cloud - Compute", "Amazon Simple Storage Service", "Amazon Relational Database Service"];
const REGIONS = ["us-east-1", "eu-west-1"];
const TEAMS = ["payments", "search", undefined]; // undefined: the row lacks the team tag

/** Seeded PRNG (mulberry32): the same seed gives the same dataset on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An amount as an exact decimal string built from integer micro-dollars (no float arithmetic). */
export function microDollars(micros: number): string {
  const sign = micros < 0 ? "-" : "";
  const abs = Math.abs(micros);
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, "0")}`;
}

export function sampleRows(options: { start: string; days: number; seed?: number }): BillingRow[] {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const rows: BillingRow[] = [];
  for (let d = 0; d < options.days; d++) {
    const date = new Date(`${options.start}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + d);
    const day = date.toISOString().slice(0, 10);
    for (const account of SAMPLE_ACCOUNTS) {
      for (let i = 0; i < 4; i++) {
        const team = pick(TEAMS);
        const unblended = Math.floor(random() * 50_000_000);
        const isCredit = random() < 0.05;
        rows.push({
          day,
          accountId: account.id,
          service: pick(SERVICES),
          region: pick(REGIONS),
          usageType: pick(["BoxUsage:m5.large", "TimedStorage-ByteHrs", "InstanceUsage:db.r5.large"]),
          recordType: isCredit ? "Credit" : "Usage",
          tags: team === undefined ? { env: "prod" } : { team, env: "prod" },
          unblended: microDollars(isCredit ? -unblended : unblended),
          amortized: microDollars(isCredit ? -unblended : unblended + 1),
          netAmortized: microDollars(isCredit ? -unblended : unblended - 3),
          usageQuantity: microDollars(Math.floor(random() * 24_000_000)),
        });
      }
    }
  }
  return rows;
}

export function sampleResources(count: number, seed = 7): TaggedResource[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const region = REGIONS[i % REGIONS.length]!;
    const team = TEAMS[Math.floor(random() * TEAMS.length)];
    const kind = i % 3;
    const arn =
      kind === 0
        ? `arn:aws:ec2:${region}:111111111111:instance/i-${String(i).padStart(8, "0")}`
        : kind === 1
          ? `arn:aws:rds:${region}:111111111111:db:db-${i}`
          : `arn:aws:s3:::bucket-${i}`;
    const tags: Record<string, string> = team === undefined ? {} : { team, owner: `owner-${i % 4}` };
    return { arn, region, tags };
  });
}
