// The database rows an ownership file stands for. Rule order (first match wins): resource patterns,
// then owner-tag values, then services, then account owners. Rules made in the UI/API use
// priorities below 1000, so they are tried before all of these.
import type { teams, ownershipRules, sharedCostPools } from "../../db/schema";
import { UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import type { Ownership } from "./ownership-schema";
import { teamsUnderUnit } from "./ownership-checks";
import { resourcePatternRegex } from "./resource-pattern";

export type TeamRow = typeof teams.$inferInsert;
export type RuleRow = Pick<typeof ownershipRules.$inferInsert, "priority" | "kind" | "tagValue" | "accountId" | "service" | "resourcePattern" | "resourceRegex" | "teamId">;
export type PoolRow = Pick<
  typeof sharedCostPools.$inferInsert,
  "poolKey" | "name" | "priority" | "recordTypes" | "services" | "accounts" | "residue" | "method" | "period" | "weights" | "teamIds"
>;

export interface OwnershipRows {
  teams: TeamRow[];
  parents: { childId: string; parentId: string }[];
  rules: RuleRow[];
  pools: PoolRow[];
  ownerTagKeys: string[];
  environmentTagValues: { tagKey: string; tagValue: string; environment: "production" | "development" | "data" | "shared" }[];
  accountEnvironments: { id: string; environment: "production" | "development" | "data" | "shared" }[];
}

const FIRST_FILE_PRIORITY = { resource: 1000, tag: 2000, service: 3000, account: 4000 } as const;

export function ownershipRows(ownership: Ownership): OwnershipRows {
  const teamRows: TeamRow[] = [{ id: UNATTRIBUTED_TEAM_ID, name: "Unattributed", kind: "team" }];
  const parents: OwnershipRows["parents"] = [];
  const byKind = { resource: [] as RuleRow[], tag: [] as RuleRow[], service: [] as RuleRow[], account: [] as RuleRow[] };
  const blank = { tagValue: null, accountId: null, service: null, resourcePattern: null, resourceRegex: null };
  for (const org of ownership.orgs) {
    teamRows.push({ id: org.id, name: org.name, kind: "org" });
    for (const group of org.groups) {
      teamRows.push({ id: group.id, name: group.name, kind: "group" });
      parents.push({ childId: group.id, parentId: org.id });
      for (const team of group.teams) {
        teamRows.push({ id: team.id, name: team.name, kind: "team", slackChannel: team.slack ?? null, contact: team.contact ?? null });
        parents.push({ childId: team.id, parentId: group.id });
        for (const pattern of team.resources) {
          byKind.resource.push({ ...blank, priority: 0, kind: "resource", resourcePattern: pattern, resourceRegex: resourcePatternRegex(pattern), teamId: team.id });
        }
        for (const value of new Set([team.id, ...team.tagValues].map((v) => v.trim().toLowerCase()))) {
          byKind.tag.push({ ...blank, priority: 0, kind: "tag", tagValue: value, teamId: team.id });
        }
        for (const service of team.services) byKind.service.push({ ...blank, priority: 0, kind: "service", service, teamId: team.id });
      }
    }
  }
  for (const account of ownership.accounts) {
    if (account.owner) byKind.account.push({ ...blank, priority: 0, kind: "account", accountId: account.id, teamId: account.owner });
  }
  const rules = (Object.keys(byKind) as (keyof typeof byKind)[]).flatMap((kind) =>
    byKind[kind].map((rule, index) => ({ ...rule, priority: FIRST_FILE_PRIORITY[kind] + index })),
  );
  const pools: PoolRow[] = ownership.sharedCosts.map((pool, index) => ({
    poolKey: pool.id,
    name: pool.name,
    priority: index + 1,
    recordTypes: pool.select.recordTypes ?? null,
    services: pool.select.services ?? null,
    accounts: pool.select.accounts ?? null,
    residue: pool.select.unattributed ? 1 : 0,
    method: pool.split,
    period: pool.period,
    weights: pool.weights ?? null,
    teamIds: pool.teams ? [...new Set(pool.teams.flatMap((unit) => teamsUnderUnit(ownership, unit)))].sort() : null,
  }));
  const environmentTagValues = ownership.environments
    ? ownership.environments.tagKeys.flatMap((tagKey) =>
        Object.entries(ownership.environments!.values).map(([value, environment]) => ({ tagKey, tagValue: value.toLowerCase(), environment })),
      )
    : [];
  const accountEnvironments = ownership.accounts.flatMap((a) => (a.environment ? [{ id: a.id, environment: a.environment }] : []));
  return { teams: teamRows, parents, rules, pools, ownerTagKeys: ownership.ownerTagKeys, environmentTagValues, accountEnvironments };
}
