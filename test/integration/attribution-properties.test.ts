// Attribution's guarantees over random ownership files and bills (fast-check, one database per file):
// every day and measure reconciles exactly; each line's direct cost lands on the one team its rules
// pick and every pool is split without a unit lost; re-attributing is idempotent and a backfill of a
// sub-range equals the fresh attribution; a change effective from day D leaves every day before D alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import Decimal from "decimal.js";
import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { changeOwnership } from "../../jobs/ownership/change-ownership";
import { teamsUnderUnit } from "../../jobs/ownership/ownership-checks";
import type { Ownership } from "../../jobs/ownership/ownership-schema";
import { attributeAndReconcile } from "../../jobs/attribution/attribute-and-reconcile";
import type { DayWindow } from "../../jobs/sync/billing-window";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { CLUSTER_ACCOUNT, expectedPodTeam, insertInstanceHours, instanceHoursArbitrary, withClusters } from "../support/random-clusters";
import { insertOpenCost, openCostArbitrary, OPENCOST_ACCOUNT, weighedClusterDays } from "../support/random-opencost";
import { BILL_ACCOUNTS, TEAM_IDS, billArbitrary, insertBill, ownershipArbitrary, tagAliases, teamsOf, validOwnership, type Bill, type BillLine } from "../support/random-bills";

const TODAY = "2027-01-01";
const RUNS = 30;
const TIMEOUT = 120_000;
// Sums checked far beyond decimal.js's default 20 digits, so the check itself never rounds.
const Exact = Decimal.clone({ precision: 100 });
const MEASURES = ["unblended", "amortized", "net"] as const;
const scenarioArbitrary = ownershipArbitrary.chain((ownership) => billArbitrary(ownership).map((bill) => ({ ownership, bill })));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

// Children before parents, so the foreign keys never object.
const TABLES = ["attributed_costs", "cost_line_items", "sync_watermarks", "job_runs", "ownership_audit", "ownership_rules", "shared_cost_pools", "cluster_rules", "team_parents", "ownership_versions", "owner_tag_keys", "environment_tag_values", "accounts", "teams"];

async function load(ownership: Ownership, bill: Bill): Promise<DayWindow> {
  for (const table of TABLES) await database.db.execute(sql.raw(`delete from ${table}`));
  await applyOwnership(database.db, ownership, { source: OWNERSHIP_FILE_SOURCE, actor: "property-test", today: TODAY });
  return insertBill(database.db, bill);
}

const attribute = (window: DayWindow, runId: number) => database.db.transaction((tx) => attributeAndReconcile(tx, window, runId));

/** Every attributed row but its id and run, in one order. */
function attributedRows(where: SQL = sql`true`) {
  return queryRows<Record<string, string | number | null>>(
    database.db,
    sql`select day::text, team_id, account_id, service, record_type, environment, unblended_cost::text as unblended, amortized_cost::text as amortized,
          net_amortized_cost::text as net, rule_id, pool_id, decided_by
        from attributed_costs where ${where} order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12`,
  );
}

type Sums = [Decimal, Decimal, Decimal];
const lineSums = (line: BillLine): Sums => [new Exact(line.unblendedCost), new Exact(line.amortizedCost), new Exact(line.netAmortizedCost)];

/** Sums per key as "unblended|amortized|net", leaving out keys whose sums are all zero (split rows of zero are not written). */
function totalsByKey(entries: [string, Sums][]): Record<string, string> {
  const totals = new Map<string, Sums>();
  for (const [key, sums] of entries) {
    const total = totals.get(key);
    totals.set(key, total ? [total[0].plus(sums[0]), total[1].plus(sums[1]), total[2].plus(sums[2])] : sums);
  }
  return Object.fromEntries([...totals].filter(([, sums]) => sums.some((s) => !s.isZero())).map(([key, sums]) => [key, sums.map((s) => s.toString()).join("|")]));
}

// ---- The rules, read independently of the SQL: what a line's decision should be. ----

type Decision = { pool: string } | { team: string; decidedBy: string };

/** A glob (`*` any run, `?` one character) matched by hand, not through a regular expression. */
function globMatches(pattern: string, text: string): boolean {
  if (pattern === "") return text === "";
  const [first, rest] = [pattern[0], pattern.slice(1)];
  if (first === "*") return Array.from({ length: text.length + 1 }, (_, i) => i).some((i) => globMatches(rest, text.slice(i)));
  return text !== "" && (first === "?" || first === text[0]) && globMatches(rest, text.slice(1));
}

/** The first non-blank value under the owner-tag spellings in order, trimmed of spaces and lower-cased. */
function ownerValue(keys: string[], tags: Record<string, string>): string | null {
  for (const key of keys) {
    const value = tags[key]?.replace(/^ +| +$/g, "");
    if (value) return value.toLowerCase();
  }
  return null;
}

function decide(ownership: Ownership, line: BillLine): Decision {
  const pool = ownership.sharedCosts.find(
    ({ select }) =>
      !select.unattributed &&
      (!select.recordTypes || select.recordTypes.includes(line.recordType)) &&
      (!select.services || select.services.includes(line.service)) &&
      (!select.accounts || select.accounts.includes(line.accountId)),
  );
  if (pool) return { pool: pool.id };
  const teams = teamsOf(ownership);
  const owner = ownerValue(ownership.ownerTagKeys, line.tags);
  const byResource = teams.find((team) => line.resourceId !== null && team.resources.some((pattern) => globMatches(pattern, line.resourceId!)));
  if (byResource) return { team: byResource.id, decidedBy: "resource" };
  const byTag = teams.find((team) => [team.id, ...team.tagValues].some((value) => value.trim().toLowerCase() === owner));
  if (byTag) return { team: byTag.id, decidedBy: "tag" };
  const byService = teams.find((team) => team.services.includes(line.service));
  if (byService) return { team: byService.id, decidedBy: "service" };
  const byAccount = ownership.accounts.find((account) => account.id === line.accountId)?.owner;
  if (byAccount) return { team: byAccount, decidedBy: "account" };
  const residue = ownership.sharedCosts.find(({ select }) => select.unattributed);
  return residue ? { pool: residue.id } : { team: "unattributed", decidedBy: "unattributed" };
}

function poolTeams(ownership: Ownership, poolId: string): string[] {
  const pool = ownership.sharedCosts.find((p) => p.id === poolId)!;
  return pool.teams ? [...new Set(pool.teams.flatMap((unit) => teamsUnderUnit(ownership, unit)))] : teamsOf(ownership).map((team) => team.id);
}

// ---- Random changes of ownership, for effective dating. ----

type ChangeKind = "tag" | "account" | "pool" | "moveTeam" | "addTeam" | "removeTeam";

const changeArbitrary = (...kinds: ChangeKind[]) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    from: fc.nat(),
    to: fc.nat(),
    which: fc.nat(),
    method: fc.constantFrom("proportional", "even", "fixed") as fc.Arbitrary<"proportional" | "even" | "fixed">,
    period: fc.constantFrom("day", "month") as fc.Arbitrary<"day" | "month">,
  });

type Change = ReturnType<typeof changeArbitrary> extends fc.Arbitrary<infer C> ? C : never;

/**
 * The file with one change: a tag value moved to another team, an account's owner changed, a pool's
 * split changed, or a reorg (a team moved to another group, added, or removed with its claims).
 */
function changedOwnership(ownership: Ownership, change: Change): Ownership {
  const copy = structuredClone(ownership);
  const teams = teamsOf(copy);
  const groups = copy.orgs.flatMap((org) => org.groups);
  const pick = (n: number) => teams[n % teams.length]!;
  if (change.kind === "tag") {
    const from = pick(change.from);
    const to = pick(change.to) === from ? pick(change.to + 1) : pick(change.to);
    to.tagValues.push(from.tagValues.shift() ?? tagAliases(from.id)[change.which % 3]!); // an alias the bill may carry
  } else if (change.kind === "account") {
    const id = BILL_ACCOUNTS[change.which % BILL_ACCOUNTS.length]!;
    const account = copy.accounts.find((a) => a.id === id) ?? copy.accounts[copy.accounts.push({ id }) - 1]!;
    account.owner = change.to % (teams.length + 1) === teams.length ? undefined : pick(change.to).id;
  } else if (change.kind === "pool") {
    if (copy.sharedCosts.length === 0) copy.sharedCosts.push({ id: "pool-new", name: "New pool", select: { recordTypes: ["Credit"] }, split: "even", period: "month" });
    const pool = copy.sharedCosts[change.which % copy.sharedCosts.length]!;
    pool.split = change.method;
    pool.period = change.period;
    if (change.method === "fixed") pool.weights = Object.fromEntries(poolTeams(copy, pool.id).slice(0, 2).map((team, i) => [team, String(i + 1)]));
    else delete pool.weights;
  } else if (change.kind === "moveTeam") {
    const to = groups[change.to % groups.length]!;
    const from = groups.find((group) => group.teams.length > 1 && group !== to);
    if (from) to.teams.push(...from.teams.splice(change.from % from.teams.length, 1));
  } else if (change.kind === "addTeam") {
    const id = TEAM_IDS.find((candidate) => !teams.some((team) => team.id === candidate))!; // "payments" and "search" tags are in every bill
    groups[change.to % groups.length]!.teams.push({ id, name: id.toUpperCase(), tagValues: [], services: [], resources: [] });
  } else {
    const shared = groups.filter((group) => group.teams.length > 1); // a group keeps at least one team
    const from = shared[change.to % Math.max(shared.length, 1)];
    const [removed] = from ? from.teams.splice(change.from % from.teams.length, 1) : [];
    for (const account of copy.accounts) if (account.owner === removed?.id) delete account.owner;
    for (const pool of copy.sharedCosts) {
      pool.teams = pool.teams?.filter((unit) => unit !== removed?.id);
      if (pool.teams?.length === 0) delete pool.teams;
    }
  }
  // A team that left a fixed pool's units loses its weight there; some team keeps one.
  for (const pool of copy.sharedCosts.filter((p) => p.weights)) {
    const sharing = poolTeams(copy, pool.id);
    const kept = Object.entries(pool.weights!).filter(([team]) => sharing.includes(team));
    pool.weights = Object.fromEntries(kept.some(([, weight]) => Number(weight) > 0) ? kept : [[sharing[0]!, "1"]]);
  }
  const valid = validOwnership(copy);
  if (!valid) throw new Error(`the changed ownership is invalid: ${JSON.stringify(copy)}`);
  return valid;
}

/** Loads and attributes the bill, then applies the changed file from `day` as the API would (change + re-attribution, one transaction). */
async function attributeThenChange(ownership: Ownership, bill: Bill, changed: Ownership, day: string) {
  await attribute(await load(ownership, bill), 1);
  const before = await attributedRows(sql`day < ${day}::date`);
  await changeOwnership(database, "property-test", async (tx) => {
    const applied = await applyOwnership(tx, changed, { source: OWNERSHIP_FILE_SOURCE, actor: "property-test", effectiveFrom: day, today: TODAY });
    return { effectiveFrom: applied.effectiveFrom, result: applied };
  });
  return before;
}

/** Two teams share a credit pool evenly; a credit of -1.00 on each of two days. */
const evenSupportPool = {
  ownership: validOwnership({
    orgs: [{ id: "org-0", name: "Org 0", groups: [{ id: "group-0", name: "Group 0", teams: [{ id: "payments", name: "Payments" }, { id: "search", name: "Search" }] }] }],
    sharedCosts: [{ id: "credits", name: "Credits", select: { recordTypes: ["Credit"] }, split: "even" }],
  })!,
  bill: {
    days: ["2025-01-01", "2025-01-02"],
    lines: ["2025-01-01", "2025-01-02"].map((day) => {
      const credit = { unblendedCost: "-1.00", amortizedCost: "-1.00", netAmortizedCost: "-1.00" };
      return { day, accountId: BILL_ACCOUNTS[0]!, service: "AWS Support (Business)", recordType: "Credit", resourceId: null, tags: {}, ...credit };
    }),
  },
};

describe("attribution properties over random bills, rules and reorgs", () => {
  it(`reconciles: per day and measure, attributed equals billed exactly (${RUNS} random bills)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async ({ ownership, bill }) => {
        const window = await load(ownership, bill);
        await attribute(window, 1);
        const days = await queryRows<Record<string, string | null>>(
          database.db,
          sql`with billed as (
                select day, sum(unblended_cost) as unblended, sum(amortized_cost) as amortized, sum(net_amortized_cost) as net from cost_line_items group by day
              ), attributed as (
                select day, sum(unblended_cost) as unblended, sum(amortized_cost) as amortized, sum(net_amortized_cost) as net from attributed_costs group by day
              )
              select coalesce(b.day, a.day)::text as day, b.unblended::text as billed_unblended, a.unblended::text as attributed_unblended,
                b.amortized::text as billed_amortized, a.amortized::text as attributed_amortized, b.net::text as billed_net, a.net::text as attributed_net
              from billed b full join attributed a on a.day = b.day order by 1`,
        );
        expect(days.map((d) => d.day)).toEqual([...new Set(bill.lines.map((line) => line.day))].sort());
        const mismatches = days.flatMap((d) =>
          MEASURES.filter((m) => !new Exact(d[`billed_${m}`] ?? 0).eq(new Exact(d[`attributed_${m}`] ?? 0))).map((m) => `${d.day} ${m}: billed ${d[`billed_${m}`]}, attributed ${d[`attributed_${m}`]}`),
        );
        expect(mismatches).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it(`puts each line's direct cost on the one team its rules pick, and splits every pool exactly (${RUNS} random bills)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async ({ ownership, bill }) => {
        await attribute(await load(ownership, bill), 1);
        const expectedDirect: [string, Sums][] = [];
        const expectedPooled: [string, Sums][] = [];
        for (const line of bill.lines) {
          const decision = decide(ownership, line);
          const group = [line.day, line.accountId, line.service, line.recordType];
          if ("pool" in decision) expectedPooled.push([[...group, decision.pool].join(" "), lineSums(line)]);
          else expectedDirect.push([[...group, decision.team, decision.decidedBy].join(" "), lineSums(line)]);
        }
        const rows = await queryRows<{ key: string; poolKey: string | null; teamId: string; decidedBy: string; unblended: string; amortized: string; net: string }>(
          database.db,
          sql`select concat_ws(' ', a.day::text, a.account_id, a.service, a.record_type, coalesce(p.pool_key, a.team_id || ' ' || a.decided_by)) as key,
                p.pool_key as "poolKey", a.team_id as "teamId", a.decided_by as "decidedBy",
                a.unblended_cost::text as unblended, a.amortized_cost::text as amortized, a.net_amortized_cost::text as net
              from attributed_costs a left join shared_cost_pools p on p.id = a.pool_id`,
        );
        const sums = (row: (typeof rows)[number]): Sums => [new Exact(row.unblended), new Exact(row.amortized), new Exact(row.net)];
        expect(totalsByKey(rows.filter((row) => row.poolKey === null).map((row) => [row.key, sums(row)]))).toEqual(totalsByKey(expectedDirect));
        expect(totalsByKey(rows.filter((row) => row.poolKey !== null).map((row) => [row.key, sums(row)]))).toEqual(totalsByKey(expectedPooled));
        for (const row of rows.filter((r) => r.poolKey !== null)) {
          expect(row.decidedBy).toBe("split");
          expect(poolTeams(ownership, row.poolKey!)).toContain(row.teamId);
          const weights = ownership.sharedCosts.find((p) => p.id === row.poolKey)!.weights;
          if (weights) expect(Number(weights[row.teamId] ?? 0), `${row.teamId} has no fixed weight in ${row.poolKey}`).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`is idempotent, and a backfill of a sub-range equals the fresh attribution (${RUNS} random bills)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, fc.nat(), fc.nat(), async ({ ownership, bill }, a, b) => {
        const window = await load(ownership, bill);
        await attribute(window, 1);
        const fresh = await attributedRows();
        await attribute(window, 2);
        expect(await attributedRows()).toEqual(fresh);
        const start = a % bill.days.length;
        const end = start + 1 + (b % (bill.days.length - start));
        await attribute({ start: bill.days[start]!, end: bill.days[end] ?? window.end }, 3);
        expect(await attributedRows()).toEqual(fresh);
      }),
      { numRuns: RUNS },
    );
  });

  it(`changes nothing before the day a rule or pool change takes effect (${RUNS} random changes)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, changeArbitrary("tag", "account", "pool", "moveTeam"), fc.nat(), async ({ ownership, bill }, change, dayIndex) => {
        const day = bill.days[dayIndex % bill.days.length]!;
        const before = await attributeThenChange(ownership, bill, changedOwnership(ownership, change), day);
        expect(await attributedRows(sql`day < ${day}::date`)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  // Fails today: a pool without `teams` is split among every row of the teams table, which is not
  // effective-dated, so a team added from D takes a share of the days before D in D's month (they are
  // re-attributed with the month) and a removed team keeps its shares. The example is the smallest case.
  it(`a team added or removed from a day changes nothing before it, and shares from it go to the new file's teams only (${RUNS} random reorgs)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, changeArbitrary("addTeam", "removeTeam"), fc.nat(), async ({ ownership, bill }, change, dayIndex) => {
        const day = bill.days[dayIndex % bill.days.length]!;
        const changed = changedOwnership(ownership, change);
        const before = await attributeThenChange(ownership, bill, changed, day);
        expect(await attributedRows(sql`day < ${day}::date`)).toEqual(before);
        const teams = new Set(["unattributed", ...teamsOf(changed).map((team) => team.id)]);
        const strangers = (await attributedRows(sql`day >= ${day}::date`)).filter((row) => !teams.has(String(row.team_id)));
        expect(strangers).toEqual([]);
      }),
      { numRuns: RUNS, examples: [[evenSupportPool, { kind: "addTeam", from: 0, to: 0, which: 0, method: "even", period: "day" }, 1]] },
    );
  });
});

// Shared clusters: random kubernetes sections and instance-hours whose pods carry split data, in a CUR
// account of their own beside the random Cost Explorer bill.
const clusterScenarioArbitrary = scenarioArbitrary.chain(({ ownership, bill }) =>
  withClusters(ownership).chain((clustered) => instanceHoursArbitrary(clustered, bill.days).map((hours) => ({ ownership: clustered, bill, hours }))),
);

describe("attribution properties with generated shared clusters", () => {
  it(`reconciles to the cent, hands each instance out through its pods only, to the teams their rules pick (${RUNS} random clusters)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(clusterScenarioArbitrary, async ({ ownership, bill, hours }) => {
        const window = await load(ownership, bill);
        await insertInstanceHours(database.db, hours);
        const { reconciliation } = await attribute(window, 1);
        expect(reconciliation.mismatches).toEqual([]);
        const [totals] = await queryRows<{ billed: string; attributed: string; billedNet: string; attributedNet: string; asInstances: string }>(
          database.db,
          sql`select (select coalesce(sum(amortized_cost), 0) from cost_line_items)::text as billed, (select coalesce(sum(amortized_cost), 0) from attributed_costs)::text as attributed,
                (select coalesce(sum(net_amortized_cost), 0) from cost_line_items)::text as "billedNet", (select coalesce(sum(net_amortized_cost), 0) from attributed_costs)::text as "attributedNet",
                (select coalesce(sum(amortized_cost), 0) from attributed_costs where account_id = ${CLUSTER_ACCOUNT} and cluster is null)::text as "asInstances"`,
        );
        expect(new Exact(totals!.attributed).eq(new Exact(totals!.billed)), JSON.stringify(totals)).toBe(true);
        expect(new Exact(totals!.attributedNet).eq(new Exact(totals!.billedNet)), JSON.stringify(totals)).toBe(true);
        expect(new Exact(totals!.asInstances).isZero(), "an instance attributed as an instance too").toBe(true);
        // Each instance's amounts per day and record type, all handed out through its pods and idle parts.
        const instances = new Map<string, Decimal>();
        for (const h of hours) instances.set(`${h.day} ${h.recordType}`, (instances.get(`${h.day} ${h.recordType}`) ?? new Exact(0)).plus(h.amortized));
        const throughPods = await queryRows<{ key: string; amortized: string }>(
          database.db,
          sql`select day::text || ' ' || record_type as key, sum(amortized_cost)::text as amortized from attributed_costs where cluster is not null or decided_by = 'idle' group by 1`,
        );
        for (const row of throughPods) expect(new Exact(row.amortized).eq(instances.get(row.key) ?? 0), row.key).toBe(true);
        // A pod's part is on the team its label, namespace or cluster picks.
        const expected = new Set(hours.flatMap((h) => h.pods.map((p) => {
          const { team, decidedBy } = expectedPodTeam(ownership, p);
          return [h.day, team, decidedBy, p.cluster, p.namespace].join(" ");
        })));
        const podRows = await queryRows<{ key: string }>(
          database.db,
          sql`select distinct concat_ws(' ', day::text, team_id, decided_by, cluster, namespace) as key from attributed_costs where cluster is not null and decided_by <> 'idle'`,
        );
        for (const row of podRows) expect(expected, row.key).toContain(row.key);
      }),
      { numRuns: RUNS },
    );
  });
});

// Clusters without split data: random instance lines and OpenCost allocations in an account of their own.
const openCostScenarioArbitrary = scenarioArbitrary.chain(({ ownership, bill }) =>
  withClusters(ownership).chain((clustered) => openCostArbitrary(bill.days).map((openCost) => ({ ownership: clustered, bill, ...openCost }))),
);

describe("attribution properties with generated OpenCost clusters", () => {
  it(`reconciles to the cent and hands each weighed cluster-day's instances out by its allocations only (${RUNS} random clusters)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(openCostScenarioArbitrary, async ({ ownership, bill, lines, allocations }) => {
        await database.db.execute(sql`delete from opencost_allocations`);
        const window = await load(ownership, bill);
        await insertOpenCost(database.db, lines, allocations);
        const { reconciliation } = await attribute(window, 1);
        expect(reconciliation.mismatches).toEqual([]);
        // Per day and measure: what the OpenCost path handed out is exactly the weighed cluster-days' instance lines; the rest went the ordinary way.
        const weighed = weighedClusterDays(allocations);
        const expected = new Map<string, Sums>();
        for (const l of lines) {
          const key = `${l.day} ${l.tagging !== "untagged" && weighed.has(`${l.day} ${l.cluster}`) ? "opencost" : "ordinary"}`;
          const sums = expected.get(key) ?? [new Exact(0), new Exact(0), new Exact(0)];
          expected.set(key, [sums[0].plus(l.unblended), sums[1].plus(l.amortized), sums[2].plus(l.netAmortized)]);
        }
        const rows = await queryRows<{ key: string; unblended: string; amortized: string; net: string }>(
          database.db,
          sql`select day::text || ' ' || case when cluster_basis = 'opencost' then 'opencost' else 'ordinary' end as key,
                sum(unblended_cost)::text as unblended, sum(amortized_cost)::text as amortized, sum(net_amortized_cost)::text as net
              from attributed_costs where account_id = ${OPENCOST_ACCOUNT} group by 1`,
        );
        const actual = new Map(rows.map((row) => [row.key, [new Exact(row.unblended), new Exact(row.amortized), new Exact(row.net)] as Sums]));
        for (const key of new Set([...expected.keys(), ...actual.keys()])) {
          const [want, got] = [expected.get(key), actual.get(key)];
          const zero = (sums: Sums | undefined) => !sums || sums.every((sum) => sum.isZero());
          if (zero(want) && zero(got)) continue;
          expect(got?.map(String), key).toEqual(want?.map(String));
        }
        // Only weighed cluster-days' allocations decide, each for its own cluster.
        const decided = await queryRows<{ key: string }>(database.db, sql`select distinct day::text || ' ' || cluster as key from attributed_costs where cluster_basis = 'opencost'`);
        for (const row of decided) expect(weighed, row.key).toContain(row.key);
      }),
      { numRuns: RUNS },
    );
  });
});
