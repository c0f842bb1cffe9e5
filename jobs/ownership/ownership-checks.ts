// The checks zod cannot express: unique ids, claims that two teams make on the same spend,
// references to teams that do not exist, patterns that are not patterns.
import type { Ownership } from "./ownership-schema";
import { isValidResourcePattern } from "./resource-pattern";

export interface OwnershipProblem {
  path: (string | number)[];
  message: string;
}

export function findOwnershipProblem(ownership: Ownership): OwnershipProblem | null {
  const problems: OwnershipProblem[] = [];
  const fail = (path: (string | number)[], message: string) => problems.push({ path, message });
  const ids = new Set<string>();
  const claims = new Map<string, string>(); // "tag:checkout" -> team that claims it
  const claim = (key: string, team: string, path: (string | number)[], what: string) => {
    const other = claims.get(key);
    if (other && other !== team) fail(path, `${what} is already claimed by team "${other}" (conflicting rules)`);
    claims.set(key, team);
  };
  const teamsUnder = new Map<string, string[]>(); // org/group/team id -> team ids under it

  ownership.orgs.forEach((org, o) => {
    if (ids.has(org.id)) fail(["orgs", o, "id"], `"${org.id}" is used twice`);
    ids.add(org.id);
    org.groups.forEach((group, g) => {
      if (ids.has(group.id)) fail(["orgs", o, "groups", g, "id"], `"${group.id}" is used twice`);
      ids.add(group.id);
      group.teams.forEach((team, t) => {
        const at = ["orgs", o, "groups", g, "teams", t];
        if (team.id === "unattributed") fail([...at, "id"], `"unattributed" is reserved`);
        if (ids.has(team.id)) fail([...at, "id"], `"${team.id}" is used twice`);
        ids.add(team.id);
        for (const unit of [org.id, group.id, team.id]) teamsUnder.set(unit, [...(teamsUnder.get(unit) ?? []), team.id]);
        [team.id, ...team.tagValues].forEach((value, v) =>
          claim(`tag:${value.trim().toLowerCase()}`, team.id, [...at, v === 0 ? "id" : "tagValues"], `tag value "${value}"`),
        );
        team.services.forEach((service, s) => claim(`service:${service}`, team.id, [...at, "services", s], `service "${service}"`));
        team.resources.forEach((pattern, r) => {
          if (!isValidResourcePattern(pattern)) fail([...at, "resources", r], `invalid pattern "${pattern}" (a glob of printable characters, * and ?)`);
          claim(`resource:${pattern}`, team.id, [...at, "resources", r], `resource pattern "${pattern}"`);
        });
      });
    });
  });

  const teamIds = new Set(ownership.orgs.flatMap((org) => org.groups.flatMap((group) => group.teams.map((team) => team.id))));
  const accountIds = new Set<string>();
  ownership.accounts.forEach((account, a) => {
    if (accountIds.has(account.id)) fail(["accounts", a, "id"], `account ${account.id} is listed twice`);
    accountIds.add(account.id);
    if (account.owner && !teamIds.has(account.owner)) fail(["accounts", a, "owner"], `unknown team "${account.owner}"`);
  });

  const poolIds = new Set<string>();
  ownership.sharedCosts.forEach((pool, p) => {
    const at = ["sharedCosts", p];
    if (poolIds.has(pool.id)) fail([...at, "id"], `pool "${pool.id}" is used twice`);
    poolIds.add(pool.id);
    pool.teams?.forEach((unit, u) => {
      if (!teamsUnder.has(unit)) fail([...at, "teams", u], `unknown team, group or org "${unit}"`);
    });
    if (pool.split === "fixed") {
      if (!pool.weights || Object.keys(pool.weights).length === 0) fail([...at, "weights"], "a fixed split needs weights");
      else if (Object.values(pool.weights).every((w) => Number(w) === 0)) fail([...at, "weights"], "weights are all zero");
      for (const team of Object.keys(pool.weights ?? {})) {
        if (!teamIds.has(team)) fail([...at, "weights", team], `unknown team "${team}"`);
        else if (pool.teams && !pool.teams.some((unit) => teamsUnderUnit(ownership, unit).includes(team))) {
          fail([...at, "weights", team], `team "${team}" is not among the pool's teams`);
        }
      }
    } else if (pool.weights) fail([...at, "weights"], `weights apply only to split: fixed`);
  });
  if (ownership.sharedCosts.filter((pool) => pool.select.unattributed).length > 1) {
    fail(["sharedCosts"], "only one pool can take the unattributed residue");
  }
  checkKubernetes(ownership, teamIds, fail);
  return problems[0] ?? null;
}

/** Every team under an org, group or team id of the file. */
export function teamsUnderUnit(ownership: Ownership, unit: string): string[] {
  return ownership.orgs.flatMap((org) =>
    org.groups.flatMap((group) => group.teams.filter((team) => [org.id, group.id, team.id].includes(unit)).map((team) => team.id)),
  );
}

/** Namespace and cluster owners are teams of the file; a cluster is listed once. */
function checkKubernetes(ownership: Ownership, teamIds: Set<string>, fail: (path: (string | number)[], message: string) => void) {
  const kubernetes = ownership.kubernetes;
  if (!kubernetes) return;
  const owners = (namespaces: Record<string, string>, at: (string | number)[]) =>
    Object.entries(namespaces).forEach(([namespace, team]) => {
      if (!teamIds.has(team)) fail([...at, "namespaces", namespace], `unknown team "${team}"`);
    });
  owners(kubernetes.namespaces, ["kubernetes"]);
  const names = new Set<string>();
  kubernetes.clusters.forEach((cluster, c) => {
    const at = ["kubernetes", "clusters", c];
    if (names.has(cluster.name)) fail([...at, "name"], `cluster "${cluster.name}" is listed twice`);
    names.add(cluster.name);
    if (cluster.owner && !teamIds.has(cluster.owner)) fail([...at, "owner"], `unknown team "${cluster.owner}"`);
    owners(cluster.namespaces, at);
  });
}
