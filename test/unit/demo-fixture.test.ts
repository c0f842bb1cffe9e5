// The committed demo company (fixtures/demo) has the properties the product's demo relies on, and
// its golden totals (README / golden.json) match the cost lines. Everything is recomputed here from
// the files, independently of the generator's code; the app's own parser only checks that it accepts
// ownership.yaml.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import Decimal from "decimal.js";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBillingDataset, type BillingDataset } from "../../jobs/sources/fixtures/dataset.js";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file.js";

const DIR = join(import.meta.dirname, "../../fixtures/demo");

interface Pool {
  id: string;
  select: { recordTypes?: string[]; services?: string[]; accounts?: string[]; unattributed?: true };
  split: "proportional" | "even" | "fixed";
  period?: "day" | "month";
  weights?: Record<string, number | string>;
  teams?: string[];
}
interface Ownership {
  ownerTagKeys: string[];
  environments?: { tagKeys: string[]; values: Record<string, string> };
  orgs: {
    id: string;
    name: string;
    groups: { id: string; name: string; teams: { id: string; name: string; tagValues?: string[]; services?: string[]; resources?: string[] }[] }[];
  }[];
  accounts: { id: string; owner?: string; environment?: string }[];
  sharedCosts?: Pool[];
}
type ByMonth = Record<string, string>;
interface Golden {
  months: Record<string, { unblended: string; amortized: string; netAmortized: string; attributedAmortized: string; unattributedAmortized: string }>;
  teams: Record<string, ByMonth>;
  teamsUnblended: Record<string, ByMonth>;
  direct: Record<string, ByMonth>;
  pools: Record<string, ByMonth>;
  clusters: Record<string, { total: ByMonth; idle: ByMonth; teams: Record<string, ByMonth>; namespaces: Record<string, ByMonth> }>;
}
type Row = BillingDataset["rows"][number];

let data: BillingDataset;
let cur: Record<string, string>[];
let ownership: Ownership;
let golden: Golden;

beforeAll(() => {
  data = loadBillingDataset(DIR);
  ownership = parseYaml(readFileSync(join(DIR, "ownership.yaml"), "utf8")) as Ownership;
  golden = JSON.parse(readFileSync(join(DIR, "golden.json"), "utf8")) as Golden;
  // The containers account's legacy CUR: one gzipped CSV per billing period.
  const files = readdirSync(join(DIR, "cur"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".csv.gz")).sort();
  cur = files.flatMap((f) => parseCsv(gunzipSync(readFileSync(join(DIR, "cur", f))), { columns: true }) as Record<string, string>[]);
}, 60_000);

const CONTAINERS = "402751836947";
/** A CUR line item as the billed row it stands for (tags as Cost Explorer spells them). */
function curRow(item: Record<string, string>): Row {
  const tags = Object.fromEntries(
    Object.entries(item).filter(([column, value]) => column.startsWith("resourceTags/") && value !== "").map(([column, value]) => [column.slice("resourceTags/".length).replace(/^user:/, ""), value]),
  );
  const cost = item["lineItem/UnblendedCost"]!;
  return {
    day: item["lineItem/UsageStartDate"]!.slice(0, 10), accountId: item["lineItem/UsageAccountId"]!, service: item["product/ProductName"]!, region: item["product/region"]!,
    usageType: item["lineItem/UsageType"]!, recordType: item["lineItem/LineItemType"]!, tags, unblended: cost, amortized: cost, netAmortized: item["lineItem/NetUnblendedCost"]!, usageQuantity: item["lineItem/UsageAmount"]!,
  };
}
const isInstance = (item: Record<string, string>) => item["lineItem/ResourceId"]!.startsWith("i-");
/** What attribution reads: Cost Explorer's rows, except the account-days the CUR covers, where its items count; instances go through pods. */
function billedRows(): Row[] {
  const covered = new Set(cur.map((item) => item["lineItem/UsageStartDate"]!.slice(0, 10)));
  const fromExport = cur.filter((item) => !isInstance(item) && !new Decimal(item["lineItem/UnblendedCost"]!).isZero()).map(curRow);
  return [...data.rows.filter((r) => !(r.accountId === CONTAINERS && covered.has(r.day))), ...fromExport];
}

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

  it("has an ownership.yaml the app accepts, with environments, account environments and shared-cost pools", () => {
    expect(() => readOwnershipFile(join(DIR, "ownership.yaml"))).not.toThrow();
    const environments = new Map(data.accounts.map((a) => [a.id, a.environment]));
    expect(ownership.accounts.map((a) => [a.id, a.environment])).toEqual([...environments]);
    // Every env tag value the lines use is mapped.
    const used = new Set(data.rows.flatMap((r) => ownership.environments!.tagKeys.map((k) => r.tags[k]?.trim().toLowerCase()).filter(Boolean)));
    expect([...used].sort()).toEqual(Object.keys(ownership.environments!.values).sort());
    expect(ownership.sharedCosts!.map((p) => p.id)).toEqual(["support-and-tax", "credits-and-refunds", "commitment-fees", "shared-networking"]);
    expect(ownership.sharedCosts!.some((p) => p.select.unattributed)).toBe(false); // unattributed spend stays visible
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

  it("matches golden.json: monthly totals, direct cost per team, pools, and teams with shared costs", () => {
    const teamByValue = new Map<string, string>();
    const teamByService = new Map<string, string>();
    for (const team of teamsOf(ownership)) {
      teamByValue.set(team.id, team.id);
      for (const value of team.tagValues ?? []) teamByValue.set(value.trim().toLowerCase(), team.id);
      for (const service of team.services ?? []) teamByService.set(service, team.id);
    }
    const accountOwner = new Map(ownership.accounts.filter((a) => a.owner).map((a) => [a.id, a.owner!]));
    const pools = ownership.sharedCosts ?? [];
    const poolOf = (r: BillingDataset["rows"][number]) =>
      pools.find(
        ({ select: s }) =>
          (!s.recordTypes || s.recordTypes.includes(r.recordType)) &&
          (!s.services || s.services.includes(r.service)) &&
          (!s.accounts || s.accounts.includes(r.accountId)),
      );
    // The rules after the pools: owner tag (first non-empty key decides), service, account owner.
    const attribute = (r: BillingDataset["rows"][number]) => {
      const key = ownership.ownerTagKeys.find((k) => (r.tags[k] ?? "").trim() !== "");
      const team = key ? teamByValue.get(r.tags[key]!.trim().toLowerCase()) : undefined;
      return team ?? teamByService.get(r.service) ?? accountOwner.get(r.accountId) ?? "unattributed";
    };

    const zero = new Decimal(0);
    const months = new Map<string, { unblended: Decimal; amortized: Decimal; net: Decimal; unattributed: Decimal }>();
    const direct = new Map<string, Map<string, Decimal>>();
    const pooled = new Map<string, Map<string, Decimal>>();
    const poolGroups = new Map<string, Set<string>>(); // month -> pooled (day, pool, account, service, record type) groups
    const directDaily = new Map<string, Map<string, Decimal>>(); // team -> day -> direct amortized
    const pooledDaily = new Map<string, Map<string, Decimal>>(); // pool -> day -> pooled amortized
    const add = (sums: Map<string, Map<string, Decimal>>, key: string, month: string, amount: string) => {
      const byMonth = sums.get(key) ?? new Map<string, Decimal>();
      byMonth.set(month, (byMonth.get(month) ?? zero).plus(amount));
      sums.set(key, byMonth);
    };
    const rows = billedRows();
    for (const r of rows) {
      const month = r.day.slice(0, 7);
      const m = months.get(month) ?? { unblended: zero, amortized: zero, net: zero, unattributed: zero };
      const pool = poolOf(r);
      const team = pool ? undefined : attribute(r);
      months.set(month, {
        unblended: m.unblended.plus(r.unblended),
        amortized: m.amortized.plus(r.amortized),
        net: m.net.plus(r.netAmortized),
        unattributed: team === "unattributed" ? m.unattributed.plus(r.amortized) : m.unattributed,
      });
      if (pool) {
        add(pooled, pool.id, month, r.amortized);
        add(pooledDaily, pool.id, r.day, r.amortized);
        const groups = poolGroups.get(month) ?? new Set<string>();
        poolGroups.set(month, groups.add(JSON.stringify([r.day, pool.id, r.accountId, r.service, r.recordType])));
      } else {
        add(direct, team!, month, r.amortized);
        add(directDaily, team!, r.day, r.amortized);
      }
    }
    // The cluster instances' cost is billed, and given through their pods (direct, but weighing in no pool).
    for (const item of cur.filter(isInstance)) {
      const r = curRow(item);
      const m = months.get(r.day.slice(0, 7))!;
      months.set(r.day.slice(0, 7), { ...m, unblended: m.unblended.plus(r.unblended), amortized: m.amortized.plus(r.amortized), net: m.net.plus(r.netAmortized) });
    }
    const throughPods = new Map<string, Map<string, Decimal>>();
    for (const cluster of Object.values(golden.clusters)) for (const [team, byMonth] of Object.entries(cluster.teams)) for (const [month, amount] of Object.entries(byMonth)) add(throughPods, team, month, amount);
    for (const [team, byMonth] of throughPods) for (const [month, amount] of byMonth) add(direct, team, month, amount.toFixed());

    expect(Object.keys(golden.months)).toEqual([...months.keys()]);
    for (const [month, m] of months) {
      const g = golden.months[month]!;
      expect(new Decimal(g.unblended).equals(m.unblended), `${month} unblended`).toBe(true);
      expect(new Decimal(g.amortized).equals(m.amortized), `${month} amortized`).toBe(true);
      expect(new Decimal(g.netAmortized).equals(m.net), `${month} net amortized`).toBe(true);
      expect(new Decimal(g.unattributedAmortized).equals(m.unattributed), `${month} unattributed`).toBe(true);
      expect(new Decimal(g.attributedAmortized).equals(m.amortized.minus(m.unattributed)), `${month} attributed`).toBe(true);
      expect(m.unattributed.isPositive() && !m.unattributed.isZero(), `${month} shows unattributed spend`).toBe(true);
    }
    const sameAs = (name: string, golden: Record<string, ByMonth>, computed: Map<string, Map<string, Decimal>>) => {
      for (const key of computed.keys()) expect(golden[key], `${name} ${key}`).toBeDefined();
      for (const [key, byMonth] of Object.entries(golden)) {
        expect(Object.keys(byMonth), `${name} ${key}`).toEqual([...months.keys()]);
        for (const [month, amount] of Object.entries(byMonth)) {
          expect(new Decimal(amount).equals(computed.get(key)?.get(month) ?? zero), `${name} ${key} ${month}`).toBe(true);
        }
      }
    };
    sameAs("direct", golden.direct, direct);
    sameAs("pool", golden.pools, pooled);
    expect(Object.keys(golden.pools)).toEqual(pools.map((p) => p.id));

    const teamIds = [...teamsOf(ownership).map((t) => t.id), "unattributed"];
    for (const measure of [golden.teams, golden.teamsUnblended, golden.direct]) expect(Object.keys(measure)).toEqual(teamIds);
    expect(golden.teams.unattributed).toEqual(golden.direct.unattributed); // no pool takes the residue
    expect(golden.teamsUnblended.unattributed!).toEqual(
      Object.fromEntries(
        [...months.keys()].map((month) => [
          month,
          sumOf(rows.filter((r) => r.day.startsWith(month) && !poolOf(r) && attribute(r) === "unattributed").map((r) => r.unblended)).toFixed(),
        ]),
      ),
    );
    for (const [month, m] of months) {
      // The teams with their shares add up to the month exactly, in both measures, and the shares to the pools.
      expect(sumOf(teamIds.map((t) => golden.teams[t]![month]!)).equals(m.amortized), `${month} amortized`).toBe(true);
      expect(sumOf(teamIds.map((t) => golden.teamsUnblended[t]![month]!)).equals(m.unblended), `${month} unblended`).toBe(true);
      const shares = sumOf(teamIds.map((t) => new Decimal(golden.teams[t]![month]!).minus(golden.direct[t]![month]!).toFixed()));
      expect(shares.equals(sumOf(pools.map((p) => golden.pools[p.id]![month]!))), `${month} shares`).toBe(true);

      // Each team's share is its exact (unrounded) share of every pool, within a cent per pooled group:
      // a monthly pool weighs each day by the teams' direct cost of the month through that day.
      const exact = new Map(teamIds.map((t) => [t, zero]));
      const days = [...new Set(rows.filter((r) => r.day.startsWith(month)).map((r) => r.day))].sort();
      const running = new Map(teamIds.map((t) => [t, zero]));
      for (const day of days) {
        for (const t of teamIds) running.set(t, running.get(t)!.plus(directDaily.get(t)?.get(day) ?? zero));
        for (const pool of pools) {
          const amount = pooledDaily.get(pool.id)?.get(day);
          if (!amount) continue;
          const candidates = pool.teams
            ? ownership.orgs.flatMap((o) => o.groups.flatMap((g) => g.teams.filter((t) => [o.id, g.id, t.id].some((id) => pool.teams!.includes(id))).map((t) => t.id)))
            : teamIds.filter((t) => t !== "unattributed");
          const weights = new Map(
            candidates.map((t) => {
              if (pool.split === "fixed") return [t, new Decimal(pool.weights?.[t] ?? 0)];
              if (pool.split === "even") return [t, new Decimal(1)];
              const basis = running.get(t)!;
              return [t, basis.isPositive() ? basis : zero];
            }),
          );
          const total = sumOf([...weights.values()].map((w) => w.toFixed()));
          expect(total.isPositive(), `${pool.id} ${day} has a basis`).toBe(true);
          for (const [t, w] of weights) exact.set(t, exact.get(t)!.plus(amount.times(w).div(total)));
        }
      }
      const tolerance = new Decimal("0.01").times(poolGroups.get(month)?.size ?? 0);
      for (const t of teamIds) {
        const share = new Decimal(golden.teams[t]![month]!).minus(golden.direct[t]![month]!);
        expect(share.minus(exact.get(t)!).abs().lte(tolerance), `${t} ${month} share ${share} vs ${exact.get(t)}`).toBe(true);
      }
    }
  });
});

describe("demo clusters: the containers account's CUR with split cost allocation data", () => {
  const sums = (rows: Row[], key: (r: Row) => string) => {
    const out = new Map<string, [Decimal, Decimal, Decimal]>();
    for (const r of rows) {
      const [u, a, n] = out.get(key(r)) ?? [new Decimal(0), new Decimal(0), new Decimal(0)];
      out.set(key(r), [u.plus(r.unblended), a.plus(r.amortized), n.plus(r.netAmortized)]);
    }
    return new Map([...out].map(([k, v]) => [k, v.map((x) => x.toFixed())]));
  };

  it("holds the same bill as Cost Explorer for each of the account's days (unblended, amortized, net)", () => {
    const fromCur = sums(cur.map(curRow), (r) => r.day);
    const fromCostExplorer = sums(data.rows.filter((r) => r.accountId === CONTAINERS), (r) => r.day);
    expect(fromCur.size).toBeGreaterThanOrEqual(60);
    expect([...fromCur].sort()).toEqual([...fromCostExplorer].sort());
  });

  it("writes two usage records per pod or task per hour, with no line-item cost, on a parent instance", () => {
    const split = cur.filter((item) => item["splitLineItem/ParentResourceId"] !== "");
    const perPodHour = new Map<string, string[]>();
    for (const item of split) {
      const key = `${item["lineItem/ResourceId"]}|${item["lineItem/UsageStartDate"]}`;
      perPodHour.set(key, [...(perPodHour.get(key) ?? []), item["lineItem/UsageType"]!.replace(/^USE1-/, "")]);
      expect(item["lineItem/ResourceId"]).toMatch(/^arn:aws:(eks:[a-z0-9-]+:\d{12}:pod\/|ecs:[a-z0-9-]+:\d{12}:task\/)/);
      expect(new Decimal(item["lineItem/UnblendedCost"]!).isZero()).toBe(true);
      expect(item["lineItem/LineItemType"]).toBe("Usage");
    }
    for (const types of perPodHour.values()) expect(types.sort().join(",")).toMatch(/^(EKS-EC2-GB-Hours,EKS-EC2-vCPU-Hours|ECS-EC2-GB-Hours,ECS-EC2-vCPU-Hours)$/);
    const pods = new Set(split.map((item) => item["lineItem/ResourceId"]));
    expect(pods.size).toBeGreaterThanOrEqual(30);
  });

  it("per instance and hour, the pods' split + unused cost is the instance's cost", () => {
    const instanceHour = new Map(cur.filter(isInstance).map((item) => [`${item["lineItem/ResourceId"]}|${item["lineItem/UsageStartDate"]}`, new Decimal(item["lineItem/UnblendedCost"]!)]));
    const podsHour = new Map<string, Decimal>();
    for (const item of cur.filter((i) => i["splitLineItem/ParentResourceId"] !== "")) {
      const key = `${item["splitLineItem/ParentResourceId"]}|${item["lineItem/UsageStartDate"]}`;
      podsHour.set(key, (podsHour.get(key) ?? new Decimal(0)).plus(item["splitLineItem/SplitCost"]!).plus(item["splitLineItem/UnusedCost"]!));
    }
    expect([...podsHour.keys()].sort()).toEqual([...instanceHour.keys()].sort());
    for (const [key, cost] of instanceHour) expect([key, podsHour.get(key)!.toFixed()]).toEqual([key, cost.toFixed()]);
  });

  it("golden.json's clusters: the instances' cost, split by namespace within a cent per instance-day of the exact shares", () => {
    const clusterOf = new Map<string, { cluster: string; namespace: string }>();
    for (const item of cur.filter((i) => i["splitLineItem/ParentResourceId"] !== "")) {
      clusterOf.set(item["lineItem/ResourceId"]!, { cluster: item["resourceTags/aws:eks:cluster-name"] || item["resourceTags/aws:ecs:clusterName"]!, namespace: item["resourceTags/aws:eks:namespace"] || item["resourceTags/aws:ecs:serviceName"]! });
    }
    // Per instance-day: its cost and its pods' split and unused weights.
    const days = new Map<string, { cluster: string; month: string; cost: Decimal; split: Map<string, Decimal>; unused: Decimal }>();
    for (const item of cur) {
      const day = item["lineItem/UsageStartDate"]!.slice(0, 10);
      const instance = isInstance(item) ? item["lineItem/ResourceId"]! : item["splitLineItem/ParentResourceId"];
      if (!instance) continue;
      const key = `${instance}|${day}`;
      const entry = days.get(key) ?? { cluster: "", month: day.slice(0, 7), cost: new Decimal(0), split: new Map<string, Decimal>(), unused: new Decimal(0) };
      if (isInstance(item)) entry.cost = entry.cost.plus(item["lineItem/UnblendedCost"]!);
      else {
        const { cluster, namespace } = clusterOf.get(item["lineItem/ResourceId"]!)!;
        entry.cluster = cluster;
        entry.split.set(namespace, (entry.split.get(namespace) ?? new Decimal(0)).plus(item["splitLineItem/SplitCost"]!));
        entry.unused = entry.unused.plus(item["splitLineItem/UnusedCost"]!);
      }
      days.set(key, entry);
    }
    const exact = new Map<string, Decimal>(); // cluster|namespace|month
    const counts = new Map<string, number>(); // cluster|month -> instance-days
    for (const d of days.values()) {
      const weight = [...d.split.values()].reduce((s, w) => s.plus(w), d.unused);
      const give = (namespace: string, w: Decimal) => exact.set(`${d.cluster}|${namespace}|${d.month}`, (exact.get(`${d.cluster}|${namespace}|${d.month}`) ?? new Decimal(0)).plus(d.cost.times(w).div(weight)));
      for (const [namespace, w] of d.split) give(namespace, w);
      give("(idle)", d.unused);
      counts.set(`${d.cluster}|${d.month}`, (counts.get(`${d.cluster}|${d.month}`) ?? 0) + 1);
    }
    expect(Object.keys(golden.clusters).sort()).toEqual([...new Set([...days.values()].map((d) => d.cluster))].sort());
    for (const [name, cluster] of Object.entries(golden.clusters)) {
      for (const [month, total] of Object.entries(cluster.total)) {
        const instances = sumOf([...days.values()].filter((d) => d.cluster === name && d.month === month).map((d) => d.cost.toFixed()));
        expect([name, month, new Decimal(total).toFixed()]).toEqual([name, month, instances.toFixed()]);
        expect(sumOf(Object.values(cluster.teams).map((t) => t[month] ?? "0")).equals(total), `${name} ${month} teams`).toBe(true);
        expect(sumOf(Object.values(cluster.namespaces).map((n) => n[month] ?? "0")).equals(total), `${name} ${month} namespaces`).toBe(true);
        expect(new Decimal(cluster.idle[month]!).equals(cluster.namespaces["(idle)"]![month]!)).toBe(true);
        const tolerance = new Decimal("0.01").times(counts.get(`${name}|${month}`)!);
        for (const [namespace, byMonth] of Object.entries(cluster.namespaces)) {
          const want = exact.get(`${name}|${namespace}|${month}`) ?? new Decimal(0);
          expect(new Decimal(byMonth[month] ?? 0).minus(want).abs().lte(tolerance), `${name} ${namespace} ${month}: ${byMonth[month]} vs ${want}`).toBe(true);
        }
      }
    }
  });
});
