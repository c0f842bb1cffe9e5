// Who may call what, checked on the server for every /api request. The table lists the exceptions;
// everything else follows the defaults: a read needs any signed-in identity (viewer), and a change
// needs an admin. So a route added later is admin-only for changes until a row here says otherwise.
// An "editor" row names how to find the team a change is about; a team editor may only change its own.
import type { Context, MiddlewareHandler } from "hono";
import type { DbOrTx } from "../../db/client";
import type { Role } from "../../db/schema/access";
import { teamOfNudge } from "../../db/queries/access-scope";
import { ApiError } from "../errors";
import { identityOf, roleAtLeast } from "./identity";

export type Need = "public" | Role;
type TeamOf = (c: Context, params: Record<string, string>, db: DbOrTx) => Promise<string | undefined>;

export interface PolicyRule {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "*";
  /** A path under the app, with :params; a trailing /* matches the rest. */
  path: string;
  need: Need;
  /** For need "editor": the team the request changes. */
  team?: TeamOf;
}

const fromParam = (name: string): TeamOf => async (_c, params) => params[name];
const fromJson = (field: string): TeamOf => async (c) => {
  const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
  return typeof body?.[field] === "string" ? body[field] : undefined;
};
/** A review's `scope` names a team as "team:<id>"; other scopes (group, org, company) are no team's. */
const fromScope: TeamOf = async (c, params, db) => {
  const scope = (await fromJson("scope")(c, params, db)) ?? "";
  return scope.startsWith("team:") ? scope.slice("team:".length) : undefined;
};
const fromNudge: TeamOf = async (_c, params, db) => teamOfNudge(db, Number(params.id));

export const POLICY: PolicyRule[] = [
  { method: "GET", path: "/api/health", need: "public" },
  { method: "GET", path: "/api/me", need: "public" },
  { method: "GET", path: "/api/openapi.json", need: "public" },
  { method: "POST", path: "/api/auth/login", need: "public" },
  { method: "POST", path: "/api/auth/logout", need: "public" },
  // Team editors: their own team's budgets, wins and nudge actions.
  { method: "PUT", path: "/api/budgets/months/:month/teams/:teamId", need: "editor", team: fromParam("teamId") },
  { method: "POST", path: "/api/wins", need: "editor", team: fromJson("teamId") },
  { method: "POST", path: "/api/nudges/:id/actions", need: "editor", team: fromNudge },
  // Business reviews and tech-spec estimates: an editor saves them for its own team only.
  { method: "POST", path: "/api/reviews", need: "editor", team: fromScope },
  { method: "POST", path: "/api/estimates/preview", need: "viewer" },
  { method: "POST", path: "/api/estimates", need: "editor", team: fromJson("teamId") },
  // Reads that are not for everyone.
  { method: "GET", path: "/api/tokens", need: "admin" },
  { method: "GET", path: "/api/users", need: "admin" },
];

export interface Compiled extends PolicyRule {
  pattern: RegExp;
  names: string[];
}

function compile(rule: PolicyRule): Compiled {
  const names: string[] = [];
  const body = rule.path
    .replace(/\/\*$/, "")
    .split("/")
    .map((part) => (part.startsWith(":") ? (names.push(part.slice(1)), "([^/]+)") : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return { ...rule, names, pattern: new RegExp(`^${body}${rule.path.endsWith("/*") ? "(?:/.*)?" : "/?"}$`) };
}

export const compilePolicy = (rules: PolicyRule[]) => rules.map(compile);

export function matchPolicy(rules: Compiled[], method: string, path: string): { need: Need; team?: TeamOf; params: Record<string, string> } {
  for (const rule of rules) {
    if (rule.method !== "*" && rule.method !== method && !(rule.method === "GET" && method === "HEAD")) continue;
    const match = rule.pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(rule.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    return { need: rule.need, team: rule.team, params };
  }
  return { need: method === "GET" || method === "HEAD" ? "viewer" : "admin", params: {} };
}

export function authorize(db: DbOrTx, rules: PolicyRule[] = POLICY): MiddlewareHandler {
  const compiled = compilePolicy(rules);
  return async (c, next) => {
    const { need, team, params } = matchPolicy(compiled, c.req.method, c.req.path);
    if (need !== "public") {
      const identity = identityOf(c);
      if (!identity) throw new ApiError("UNAUTHORIZED", "sign in first (or send an API token as Authorization: Bearer ...)");
      if (!roleAtLeast(identity.role, need)) throw new ApiError("FORBIDDEN", `${c.req.method} ${c.req.path} needs the ${need} role; ${identity.actor} is ${identity.role}`);
      if (need === "editor" && identity.role === "editor") {
        const target = team ? await team(c, params, db) : undefined;
        if (!target || target !== identity.teamId)
          throw new ApiError("FORBIDDEN", `${identity.actor} may only change team "${identity.teamId ?? "(none)"}"${target ? `, not "${target}"` : ""}`);
      }
    }
    await next();
  };
}
