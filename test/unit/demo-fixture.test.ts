// The committed demo company (fixtures/demo) has the properties the product's demo relies on, and
// its golden totals (README / golden.json) match the cost lines. Everything is recomputed here from
// the files, independently of the generator's code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBillingDataset, type BillingDataset } from "../../jobs/sources/fixtures/dataset.js";

const DIR = join(import.meta.dirname, "../../fixtures/demo");

interface Ownership {
  ownerTagKeys: string[];
  orgs: { id: string; name: string; groups: { id: string; name: string; teams: { id: string; name: string; tagValues?: string[] }[] }[] }[];
  accounts: { id: string; owner?: string }[];
}
interface Golden {
  months: Record<string, { unblended: string; amortized: string; netAmortized: string; attributedAmortized: string; unattributedAmortized: string }>;
  teams: Record<string, Record<string, string>>;
}

let data: BillingDataset;
let ownership: Ownership;
let golden: Golden;

beforeAll(() => {
  data = loadBillingDataset(DIR);
  ownership = parseYaml(readFileSync(join(DIR, "ownership.yaml"), "utf8")) as Ownership;
  golden = JSON.parse(readFileSync(join(DIR, "golden.json"), "utf8")) as Golden;
}, 60_000);

const teamsOf = (o: Ownership) => o.orgs.flatMap((org) => org.groups.flatMap((g) => g.teams));
const OWNER_KEYS = ["team", "Team", "owner"];
const hasOwnerTag = (tags: Record<string, string>) => OWNER_KEYS.some((k) => (tags[k] ?? "").trim() !== "");
const sumOf = (values: string[]) => values.reduce((s, v) => s.plus(v), new Decimal(0));

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe("demo fixture", () => {
  it("has daily data for 13 full months plus the open month, with no missing day", () => {
    const { start, asOf } = data.manifest;
    const days = new Set(data.rows.map((r) => r.day));
    const expected: string[] = [];
    for (let day = start; day < asOf; day = addDays(day, 1)) expected.push(day);
    expect([...days].sort()).toEqual(expected);
    const months = [...new Set(expected.map((d) => d.slice(0, 7)))];
    expect(months.length).toBeGreaterThanOrEqual(14);
    expect(start.endsWith("-01")).toBe(true);
    expect(asOf.slice(0, 7)).toBe(months[months.length - 1]); // the last month is open
  });

  it("has 6+ accounts covering every environment, 25+ services", () => {
    expect(data.accounts.length).toBeGreaterThanOrEqual(6);
    expect(new Set(data.accounts.map((a) => a.environment))).toEqual(new Set(["production", "development", "data", "shared"]));
    const accountIds = new Set(data.accounts.map((a) => a.id));
    expect(data.rows.every((r) => accountIds.has(r.accountId))).toBe(true);
    expect(new Set(data.rows.map((r) => r.service)).size).toBeGreaterThanOrEqual(25);
  });

  it("has 15+ teams in 3+ orgs with globally unique slug ids", () => {
    expect(ownership.ownerTagKeys).toEqual(OWNER_KEYS);
    expect(ownership.orgs.length).toBeGreaterThanOrEqual(3);
    const teams = teamsOf(ownership);
    expect(teams.length).toBeGreaterThanOrEqual(15);
    const ids = [...ownership.orgs.map((o) => o.id), ...ownership.orgs.flatMap((o) => o.groups.map((g) => g.id)), ...teams.map((t) => t.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const teamIds = new Set(teams.map((t) => t.id));
    for (const account of ownership.accounts) if (account.owner) expect(teamIds.has(account.owner)).toBe(true);
  });

  it("spells the owner tag team, Team and owner, and has untagged spend of 10-20%", () => {
    for (const key of OWNER_KEYS) expect(data.rows.some((r) => (r.tags[key] ?? "").trim() !== "")).toBe(true);
    const total = sumOf(data.rows.map((r) => r.amortized));
    const untagged = sumOf(data.rows.filter((r) => !hasOwnerTag(r.tags)).map((r) => r.amortized));
    const share = untagged.div(total).toNumber();
    expect(share).toBeGreaterThanOrEqual(0.1);
    expect(share).toBeLessThanOrEqual(0.2);
  });

  it("has every record type, credits and refunds negative, non-usage records untagged", () => {
    const types = new Set(data.rows.map((r) => r.recordType));
    for (const type of ["Usage", "DiscountedUsage", "SavingsPlanCoveredUsage", "SavingsPlanNegation", "Recurring reservation fee", "SavingsPlanRecurringFee", "Tax", "Support", "Credit", "Refund"]) {
      expect(types.has(type), type).toBe(true);
    }
    for (const r of data.rows.filter((r) => r.recordType === "Credit" || r.recordType === "Refund")) {
      expect(new Decimal(r.unblended).isNegative()).toBe(true);
      expect(new Decimal(r.amortized).isNegative()).toBe(true);
    }
    for (const r of data.rows.filter((r) => ["Tax", "Support", "Credit", "Refund", "Recurring reservation fee", "SavingsPlanRecurringFee"].includes(r.recordType))) {
      expect(hasOwnerTag(r.tags)).toBe(false);
    }
    expect(data.rows.every((r) => !new Decimal(r.usageQuantity).isNegative())).toBe(true);
    const differs = data.rows.some((r) => !new Decimal(r.amortized).equals(r.netAmortized));
    expect(differs).toBe(true);
  });

  it("lists 300-1000 resources, each in a manifest region, some without owner tags", () => {
    expect(data.resources.length).toBeGreaterThanOrEqual(300);
    expect(data.resources.length).toBeLessThanOrEqual(1000);
    for (const r of data.resources) expect(data.manifest.regions).toContain(r.region);
    expect(new Set(data.resources.map((r) => r.arn)).size).toBe(data.resources.length);
    expect(data.resources.some((r) => Object.keys(r.tags).length === 0)).toBe(true);
    for (const key of OWNER_KEYS) expect(data.resources.some((r) => key in r.tags)).toBe(true);
  });

  it("matches golden.json: monthly totals and amortized cost per team (attribution v1)", () => {
    const teamByValue = new Map<string, string>();
    for (const team of teamsOf(ownership)) {
      teamByValue.set(team.id, team.id);
      for (const value of team.tagValues ?? []) teamByValue.set(value.toLowerCase(), team.id);
    }
    const accountOwner = new Map(ownership.accounts.filter((a) => a.owner).map((a) => [a.id, a.owner!]));
    const attribute = (tags: Record<string, string>, accountId: string) => {
      const key = ownership.ownerTagKeys.find((k) => (tags[k] ?? "").trim() !== "");
      const team = key ? teamByValue.get(tags[key]!.trim().toLowerCase()) : undefined;
      return team ?? accountOwner.get(accountId) ?? "unattributed";
    };

    const zero = new Decimal(0);
    const months = new Map<string, { unblended: Decimal; amortized: Decimal; net: Decimal; unattributed: Decimal }>();
    const teams = new Map<string, Map<string, Decimal>>();
    for (const r of data.rows) {
      const month = r.day.slice(0, 7);
      const m = months.get(month) ?? { unblended: zero, amortized: zero, net: zero, unattributed: zero };
      const team = attribute(r.tags, r.accountId);
      months.set(month, {
        unblended: m.unblended.plus(r.unblended),
        amortized: m.amortized.plus(r.amortized),
        net: m.net.plus(r.netAmortized),
        unattributed: team === "unattributed" ? m.unattributed.plus(r.amortized) : m.unattributed,
      });
      const byMonth = teams.get(team) ?? new Map<string, Decimal>();
      byMonth.set(month, (byMonth.get(month) ?? zero).plus(r.amortized));
      teams.set(team, byMonth);
    }

    expect(Object.keys(golden.months)).toEqual([...months.keys()]);
    for (const [month, m] of months) {
      const g = golden.months[month]!;
      expect(new Decimal(g.unblended).equals(m.unblended), `${month} unblended`).toBe(true);
      expect(new Decimal(g.amortized).equals(m.amortized), `${month} amortized`).toBe(true);
      expect(new Decimal(g.netAmortized).equals(m.net), `${month} net amortized`).toBe(true);
      expect(new Decimal(g.unattributedAmortized).equals(m.unattributed), `${month} unattributed`).toBe(true);
      expect(new Decimal(g.attributedAmortized).equals(m.amortized.minus(m.unattributed)), `${month} attributed`).toBe(true);
    }
    for (const [team, byMonth] of Object.entries(golden.teams)) {
      for (const [month, amount] of Object.entries(byMonth)) {
        const actual = teams.get(team)?.get(month) ?? zero;
        expect(new Decimal(amount).equals(actual), `${team} ${month}`).toBe(true);
      }
    }
    // Every team that got money is in golden.json, and the teams add up to the month.
    for (const team of teams.keys()) expect(golden.teams[team], team).toBeDefined();
    for (const [month, m] of months) {
      const teamSum = sumOf(Object.values(golden.teams).map((byMonth) => byMonth[month] ?? "0"));
      expect(teamSum.equals(m.amortized), month).toBe(true);
    }
    expect(teamsOf(ownership).length + 1).toBe(Object.keys(golden.teams).length);
  });
});
