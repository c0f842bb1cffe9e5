// CUR-shaped benchmark data (legacy CUR CSV), streamed to a file: never all in memory.
// Cardinalities as a mid-size company: 40 accounts, 120 services, 250k resources, 60 owner values
// (50 claimed by tag rules) under four tag spellings, 15% of resources untagged.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { addDays } from "../../db/calendar";

export const ACCOUNTS = Array.from({ length: 40 }, (_, i) => String(100000000000 + i * 7919));
export const SERVICES = Array.from({ length: 120 }, (_, i) => `AWS Service ${String(i).padStart(3, "0")}`);
export const OWNERS = Array.from({ length: 60 }, (_, i) => `team-${String(i).padStart(2, "0")}`);
/** Owner values a tag rule claims; the rest show up as unclaimed on the Ownership page. */
export const CLAIMED_OWNERS = OWNERS.slice(0, 50);
export const TAG_SPELLINGS = ["team", "Team", "owner", "squad"];
const RESOURCES = 250_000;
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];

export const HEADER = [
  "bill/BillingPeriodStartDate", "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate",
  "lineItem/ProductCode", "lineItem/UsageType", "lineItem/ResourceId", "lineItem/UsageAmount",
  "lineItem/UnblendedCost", "lineItem/NetUnblendedCost", "product/ProductName", "product/servicecode", "product/regionCode",
  "reservation/EffectiveCost", "savingsPlan/SavingsPlanEffectiveCost",
  ...TAG_SPELLINGS.map((key) => `resourceTags/user:${key}`), "resourceTags/user:env", "resourceTags/user:Name",
];

/** A small deterministic PRNG (mulberry32), so two runs generate the same file. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedFile {
  path: string;
  rows: number;
  firstDay: string;
  lastDay: string;
  bytes: number;
}

/** The first and the end (exclusive) day of `months` whole calendar months ending with `lastMonth` (YYYY-MM), and their day count. */
export function monthRange(months: number, lastMonth: string): { first: string; end: string; days: number } {
  const [year, month] = lastMonth.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - months, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  return { first, end, days: Math.round((Date.parse(end) - Date.parse(first)) / 86_400_000) };
}

/** A CSV streamed to `path` in 64 KB chunks, counting its bytes. */
export function csvWriter(path: string) {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let chunk = "";
  const flush = async () => {
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, "drain");
    chunk = "";
  };
  return {
    async row(fields: string[]): Promise<void> {
      chunk += fields.join(",") + "\n";
      if (chunk.length > 1 << 16) await flush();
    },
    async end(): Promise<number> {
      await flush();
      out.end();
      await once(out, "finish");
      return bytes;
    },
  };
}

/** One ordinary line item of `day` (the HEADER's columns), drawn from `next`. */
export function plainRow(next: () => number, day: string): string[] {
  const resource = Math.floor(next() ** 2 * RESOURCES); // a few big resources, a long tail
  const account = ACCOUNTS[resource % ACCOUNTS.length]!;
  const service = SERVICES[(resource * 7) % SERVICES.length]!;
  const region = REGIONS[resource % REGIONS.length]!;
  const untagged = resource % 100 < 15;
  const owner = OWNERS[(resource * 13) % OWNERS.length]!;
  const spelling = (resource >> 3) % TAG_SPELLINGS.length;
  const cost = (next() * 20).toFixed(6);
  const kind = next();
  const type = kind < 0.88 ? "Usage" : kind < 0.94 ? "DiscountedUsage" : "SavingsPlanCoveredUsage";
  const effective = (Number(cost) * 0.6).toFixed(6);
  const tags = TAG_SPELLINGS.map((_, s) => (!untagged && s === spelling ? owner : ""));
  return [
    `${day.slice(0, 8)}01T00:00:00Z`, account, type, `${day}T00:00:00Z`,
    `svc${(resource * 7) % SERVICES.length}`, `${region}:Usage${resource % 40}`, `arn:aws:svc:${region}:${account}:res/${resource}`, (next() * 10).toFixed(4),
    type === "Usage" ? cost : "0", type === "Usage" ? cost : "0", service, `svc${(resource * 7) % SERVICES.length}`, region,
    type === "DiscountedUsage" ? effective : "0", type === "SavingsPlanCoveredUsage" ? effective : "0",
    ...tags, resource % 3 === 0 ? "development" : "production", `res-${resource}`,
  ];
}

/** `rows` line items over `months` whole calendar months ending with `lastMonth` (YYYY-MM). */
export async function generateCur(path: string, rows: number, options: { months: number; lastMonth: string }): Promise<GeneratedFile> {
  const next = random(42);
  const { first, end, days } = monthRange(options.months, options.lastMonth);
  const out = csvWriter(path);
  await out.row(HEADER);
  for (let i = 0; i < rows; i++) {
    await out.row(plainRow(next, addDays(first, Math.floor((i * days) / rows)))); // rows in day order, as AWS writes them
  }
  return { path, rows, firstDay: first, lastDay: addDays(end, -1), bytes: await out.end() };
}
