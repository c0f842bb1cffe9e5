// The dashboard's views and how a hash path maps onto them.
export type Route =
  | { page: "overview" }
  | { page: "teams" }
  | { page: "team"; teamId: string }
  | { page: "ownership" }
  | { page: "why" }
  | { page: "sync" }
  | { page: "efficiency" }
  | { page: "budget-review" }
  | { page: "nudges" }
  | { page: "leaderboard" }
  | { page: "audit" }
  | { page: "access" }
  | { page: "business-review" }
  | { page: "commitments" }
  | { page: "cost-estimate" }
  | { page: "clusters" }
  | { page: "not-found"; path: string };

export function matchRoute(path: string): Route {
  if (path === "/" || path === "") return { page: "overview" };
  if (path === "/teams") return { page: "teams" };
  if (path === "/sync") return { page: "sync" };
  if (path === "/ownership") return { page: "ownership" };
  if (path === "/efficiency") return { page: "efficiency" };
  if (path === "/nudges") return { page: "nudges" }; // team filter in the query: #/nudges?team=…
  if (path === "/budget-review") return { page: "budget-review" };
  if (path === "/audit") return { page: "audit" };
  if (path === "/access") return { page: "access" };
  if (path === "/commitments") return { page: "commitments" };
  if (path === "/leaderboard") return { page: "leaderboard" }; // month in the query: #/leaderboard?month=…
  if (path === "/business-review") return { page: "business-review" }; // #/business-review?scope=team:search&period=2026-Q3
  if (path === "/cost-estimate") return { page: "cost-estimate" };
  if (path === "/clusters") return { page: "clusters" };
  // The cell (teamId, day, service, accountId) is in the query: #/why?teamId=…&day=…
  if (path === "/why") return { page: "why" };
  const team = /^\/teams\/([^/]+)$/.exec(path);
  if (team) return { page: "team", teamId: decodeURIComponent(team[1]!) };
  return { page: "not-found", path };
}

export const paths = {
  overview: "/",
  teams: "/teams",
  team: (teamId: string) => `/teams/${encodeURIComponent(teamId)}`,
  ownership: "/ownership",
  why: "/why",
  sync: "/sync",
  efficiency: "/efficiency",
  budgetReview: "/budget-review",
  nudges: "/nudges",
  leaderboard: "/leaderboard",
  audit: "/audit",
  access: "/access",
  businessReview: "/business-review",
  commitments: "/commitments",
  costEstimate: "/cost-estimate",
  clusters: "/clusters",
};
