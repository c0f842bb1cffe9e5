// Random ownership files and bills for the attribution property tests: small enough to attribute
// dozens of times on one database, varied enough to reach every rule kind, pool selector, split
// method and owner-tag spelling, with credits, zeros and up to 6 decimal places.
import fc from "fast-check";
import type { DbOrTx } from "../../db/client";
import { costLineItems, syncWatermarks, COST_EXPLORER_SOURCE } from "../../db/schema";
import { addDays } from "../../db/calendar";
import type { DayWindow } from "../../jobs/sync/billing-window";
import { ownershipSchema, type Ownership } from "../../jobs/ownership/ownership-schema";
import { findOwnershipProblem } from "../../jobs/ownership/ownership-checks";

export const BILL_ACCOUNTS = ["111111111111", "222222222222", "333333333333"];
export const BILL_SERVICES = ["Amazon Elastic Compute Cloud - Compute", "Amazon Simple Storage Service", "Amazon Relational Database Service", "AWS Support (Business)"];
export const RECORD_TYPES = ["Usage", "Credit", "Tax", "Refund", "DiscountedUsage"];
export const OWNER_TAG_KEYS = ["team", "Team", "owner"];
export const TEAM_IDS = ["payments", "search", "checkout", "data", "infra", "web", "ml", "mobile", "growth", "identity"];
const ENVIRONMENTS = ["production", "development", "data", "shared"] as const;

/** Owner-tag values a team may list; the same candidates appear in bills, declared or not. */
export const tagAliases = (team: string) => [`${team}-svc`, `${team.toUpperCase()}-Team`, ` ${team}_app `];
/** Resource globs a team may list, and resource ids that do or do not match them. */
const resourcePatterns = (team: string) => [`i-${team}-*`, `arn:aws:s3:::${team}-bucket-?`];
const resourceIds = (team: string) => [`i-${team}-0a1`, `arn:aws:s3:::${team}-bucket-7`, `arn:aws:s3:::${team}-bucket-42`];

export interface BillLine {
  day: string;
  accountId: string;
  service: string;
  recordType: string;
  resourceId: string | null;
  tags: Record<string, string>;
  unblendedCost: string;
  amortizedCost: string;
  netAmortizedCost: string;
}

export interface Bill {
  days: string[]; // every day of the bill's window, in order
  lines: BillLine[];
}

export const billWindow = (bill: Bill): DayWindow => ({ start: bill.days[0]!, end: addDays(bill.days.at(-1)!, 1) });

/** The file as zod and the whole-file checks accept it, or null. */
export function validOwnership(candidate: unknown): Ownership | null {
  const parsed = ownershipSchema.safeParse(candidate);
  return parsed.success && findOwnershipProblem(parsed.data) === null ? parsed.data : null;
}

interface Tree {
  teams: string[];
  orgs: { o: number; groups: { g: number; teams: string[] }[] }[];
  units: string[]; // team, group and org ids a pool may name
}

const treeArbitrary: fc.Arbitrary<Tree> = fc
  .record({
    teams: fc.shuffledSubarray(TEAM_IDS, { minLength: 2, maxLength: 8 }),
    groupOf: fc.array(fc.nat(2), { minLength: 8, maxLength: 8 }), // team i sits in group groupOf[i]
    orgOf: fc.array(fc.nat(1), { minLength: 3, maxLength: 3 }), // group g sits in org orgOf[g]
  })
  .map(({ teams, groupOf, orgOf }) => {
    const groups = [0, 1, 2].map((g) => ({ g, teams: teams.filter((_, i) => groupOf[i] === g) })).filter((group) => group.teams.length > 0);
    const orgs = [0, 1].map((o) => ({ o, groups: groups.filter((group) => orgOf[group.g] === o) })).filter((org) => org.groups.length > 0);
    return { teams, orgs, units: [...teams, ...groups.map((group) => `group-${group.g}`), ...orgs.map((org) => `org-${org.o}`)] };
  });

function poolArbitrary(tree: Tree, id: string) {
  const recordTypes = fc.subarray(RECORD_TYPES, { minLength: 1, maxLength: 2 });
  const services = fc.subarray(BILL_SERVICES, { minLength: 1, maxLength: 2 });
  const accounts = fc.subarray(BILL_ACCOUNTS, { minLength: 1, maxLength: 2 });
  // Mostly one selector, so pools take lines often; sometimes several, which must all match.
  const selector = fc.oneof(
    fc.record({ recordTypes }),
    fc.record({ services }),
    fc.record({ accounts }),
    fc.record({ recordTypes, services, accounts }, { requiredKeys: [], noNullPrototype: true }).filter((select) => Object.keys(select).length > 0),
  );
  return fc
    .record({
      select: fc.oneof({ weight: 4, arbitrary: selector }, { weight: 1, arbitrary: fc.constant({ unattributed: true as const }) }),
      split: fc.constantFrom("proportional", "even", "fixed") as fc.Arbitrary<"proportional" | "even" | "fixed">,
      period: fc.constantFrom("day", "month") as fc.Arbitrary<"day" | "month">,
      teams: fc.option(fc.subarray(tree.units, { minLength: 1, maxLength: 3 }), { nil: undefined }),
      weights: fc.array(fc.constantFrom("0", "1", "2", "3", "0.5", "40", "60", "33.333"), { minLength: 8, maxLength: 8 }),
    })
    .map(({ select, split, period, teams, weights }) => {
      const sharing = teams ? tree.teams.filter((team) => teams.some((unit) => unitContains(tree, unit, team))) : tree.teams;
      const fixed = Object.fromEntries(sharing.flatMap((team, i) => (weights[i] === "0" && i > 0 ? [] : [[team, weights[i]!]])));
      return { id, name: `Pool ${id}`, select, split, period, ...(teams ? { teams } : {}), ...(split === "fixed" ? { weights: fixed } : {}) };
    });
}

function unitContains(tree: Tree, unit: string, team: string): boolean {
  return tree.orgs.some((org) => org.groups.some((group) => group.teams.includes(team) && [`org-${org.o}`, `group-${group.g}`, team].includes(unit)));
}

/** A small valid ownership file: 2-8 teams in 1-3 groups in 1-2 orgs, every rule kind, 0-3 pools. */
export const ownershipArbitrary: fc.Arbitrary<Ownership> = treeArbitrary
  .chain((tree) =>
    fc.record({
      tree: fc.constant(tree),
      tagValues: fc.array(fc.subarray([0, 1, 2], { maxLength: 2 }), { minLength: 8, maxLength: 8 }),
      resources: fc.array(fc.subarray([0, 1]), { minLength: 8, maxLength: 8 }),
      // One owner per service at most, and mostly none: owned services would claim most untagged lines.
      serviceOwner: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(7) }), { minLength: 4, maxLength: 4 }),
      accounts: fc.array(fc.option(fc.record({ owner: fc.option(fc.nat(7)), environment: fc.option(fc.constantFrom(...ENVIRONMENTS)) })), { minLength: 3, maxLength: 3 }),
      ownerTagKeys: fc.option(fc.shuffledSubarray(OWNER_TAG_KEYS, { minLength: 1 })),
      environments: fc.boolean(),
      pools: fc.integer({ min: 0, max: 3 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, p) => poolArbitrary(tree, `pool-${p}`)))),
    }),
  )
  .map(({ tree, tagValues, resources, serviceOwner, accounts, ownerTagKeys, environments, pools }) => {
    const teamAt = (i: number | null) => (i === null ? undefined : tree.teams[i % tree.teams.length]);
    const team = (id: string, i: number) => ({
      id,
      name: id.toUpperCase(),
      tagValues: tagValues[i]!.map((a) => tagAliases(id)[a]!),
      services: BILL_SERVICES.filter((_, s) => teamAt(serviceOwner[s] ?? null) === id),
      resources: resources[i]!.map((r) => resourcePatterns(id)[r]!),
    });
    const candidate = {
      ...(ownerTagKeys ? { ownerTagKeys } : {}),
      ...(environments ? { environments: { tagKeys: ["env"], values: { prod: "production", dev: "development" } } } : {}),
      orgs: tree.orgs.map((org) => ({
        id: `org-${org.o}`,
        name: `Org ${org.o}`,
        groups: org.groups.map((group) => ({ id: `group-${group.g}`, name: `Group ${group.g}`, teams: group.teams.map((id) => team(id, tree.teams.indexOf(id))) })),
      })),
      accounts: BILL_ACCOUNTS.flatMap((id, a) => {
        const account = accounts[a];
        if (!account) return [];
        const owner = teamAt(account.owner);
        return [{ id, ...(owner ? { owner } : {}), ...(account.environment ? { environment: account.environment } : {}) }];
      }),
      // Only one pool may take the residue: a second one selects Tax instead.
      sharedCosts: pools.map((pool, p) => (p > 0 && "unattributed" in pool.select && pools.slice(0, p).some((q) => "unattributed" in q.select) ? { ...pool, select: { recordTypes: ["Tax"] } } : pool)),
    };
    return validOwnership(candidate);
  })
  .filter((ownership): ownership is Ownership => ownership !== null);

/** Every team of a file, in file order. */
export const teamsOf = (ownership: Ownership) => ownership.orgs.flatMap((org) => org.groups.flatMap((group) => group.teams));

/** Randomly cased and padded: "Payments", " PAYMENTS  "; AWS tag values have spaces, never tabs. */
function messedUp(value: string) {
  return fc
    .tuple(fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }), fc.constantFrom("", " ", "  "), fc.constantFrom("", " "))
    .map(([upper, before, after]) => before + [...value].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("") + after);
}

/** Exact decimal strings with 0-6 places, charges and credits, including zeros. */
export const amountArbitrary = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom("0", "0.000000", "-0.01", "0.01") },
  {
    weight: 6,
    arbitrary: fc.tuple(fc.bigInt({ min: -5_000_000_000n, max: 5_000_000_000n }), fc.nat(6)).map(([units, places]) => {
      const digits = (units < 0n ? -units : units).toString().padStart(places + 1, "0");
      return (units < 0n ? "-" : "") + (places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`);
    }),
  },
);

/** 1-40 lines over 3-20 consecutive days (one month or two), tagged with the file's teams or not. */
export function billArbitrary(ownership: Ownership): fc.Arbitrary<Bill> {
  const teamIds = teamsOf(ownership).map((team) => team.id);
  const known = [...new Set([...teamIds, ...teamIds.flatMap(tagAliases), ...TEAM_IDS.slice(0, 2)])];
  const tagValue = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...known).chain(messedUp) }, { weight: 1, arbitrary: fc.constantFrom("nobody", "", "  ", "unattributed") });
  const resourceId = fc.option(fc.oneof(fc.constantFrom(...TEAM_IDS.flatMap(resourceIds)), fc.constant("i-0123456789abcdef0")), { nil: null });
  return fc
    .record({ month: fc.nat(17), dayOfMonth: fc.integer({ min: 1, max: 28 }), length: fc.integer({ min: 3, max: 20 }) })
    .chain(({ month, dayOfMonth, length }) => {
      const first = addDays(`${2025 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-01`, dayOfMonth - 1);
      const days = Array.from({ length }, (_, i) => addDays(first, i));
      const line = fc.record({
        day: fc.constantFrom(...days),
        accountId: fc.constantFrom(...BILL_ACCOUNTS),
        service: fc.constantFrom(...BILL_SERVICES),
        recordType: fc.constantFrom(...RECORD_TYPES),
        resourceId,
        tags: fc.record({ team: tagValue, Team: tagValue, owner: tagValue, env: fc.constantFrom("prod", "Dev ", "qa") }, { requiredKeys: [], noNullPrototype: true }),
        unblendedCost: amountArbitrary,
        amortizedCost: amountArbitrary,
        netAmortizedCost: amountArbitrary,
      });
      return fc.record({ days: fc.constant(days), lines: fc.array(line, { minLength: 1, maxLength: 40 }) });
    });
}

/** Writes the bill as the Cost Explorer sync would, with the watermark just past its last day. */
export async function insertBill(db: DbOrTx, bill: Bill): Promise<DayWindow> {
  const window = billWindow(bill);
  await db.insert(costLineItems).values(bill.lines.map((line) => ({ ...line, source: COST_EXPLORER_SOURCE, batchId: 0 })));
  await db
    .insert(syncWatermarks)
    .values({ source: COST_EXPLORER_SOURCE, syncedThrough: window.end })
    .onConflictDoUpdate({ target: syncWatermarks.source, set: { syncedThrough: window.end } });
  return window;
}
