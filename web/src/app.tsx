// The shell: a left navigation and the page the hash names.
import { useHashLocation } from "./routing/hash-location";
import { matchRoute, paths, type Route } from "./routing/routes";
import { Link } from "./routing/link";
import { OverviewPage } from "./pages/overview-page";
import { TeamsPage } from "./pages/teams-page";
import { TeamPage } from "./pages/team-page";
import { SyncPage } from "./pages/sync-page";
import { OwnershipPage } from "./pages/ownership-page";
import { WhyPage } from "./pages/why-page";
import { EfficiencyPage } from "./pages/efficiency-page";
import { NudgesPage } from "./pages/nudges-page";
import { BudgetReviewPage } from "./pages/budget-review-page";
import { LeaderboardPage } from "./pages/leaderboard-page";
import { AuditPage } from "./pages/audit-page";
import { AccessPage } from "./pages/access-page";
import { SessionProvider, sessionOf, useMe, useSession } from "./session/session";
import { SignInPage } from "./session/sign-in-page";
import { OpenModeBanner, SessionFoot } from "./session/session-bar";
import { BusinessReviewPage } from "./pages/business-review-page";
import { CommitmentsPage } from "./pages/commitments-page";
import { CostEstimatePage } from "./pages/cost-estimate-page";
import { ClustersPage } from "./pages/clusters-page";

const nav = [
  { to: paths.overview, label: "Overview", active: (r: Route) => r.page === "overview" },
  { to: paths.teams, label: "Teams", active: (r: Route) => r.page === "teams" || r.page === "team" || r.page === "why" },
  { to: paths.efficiency, label: "Efficiency", active: (r: Route) => r.page === "efficiency" },
  { to: paths.budgetReview, label: "Budget review", active: (r: Route) => r.page === "budget-review" },
  { to: paths.businessReview, label: "Business review", active: (r: Route) => r.page === "business-review" },
  { to: paths.clusters, label: "Clusters", active: (r: Route) => r.page === "clusters" },
  { to: paths.commitments, label: "Commitments", active: (r: Route) => r.page === "commitments" },
  { to: paths.costEstimate, label: "What will it cost?", active: (r: Route) => r.page === "cost-estimate" },
  { to: paths.nudges, label: "Nudges", active: (r: Route) => r.page === "nudges" },
  { to: paths.leaderboard, label: "Leaderboard", active: (r: Route) => r.page === "leaderboard" },
  { to: paths.ownership, label: "Ownership", active: (r: Route) => r.page === "ownership" },
  { to: paths.sync, label: "Data sync", active: (r: Route) => r.page === "sync" },
  { to: paths.audit, label: "Audit", active: (r: Route) => r.page === "audit" },
  { to: paths.access, label: "Access", active: (r: Route) => r.page === "access", admin: true },
];

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "overview":
      return <OverviewPage />;
    case "teams":
      return <TeamsPage />;
    case "team":
      return <TeamPage key={route.teamId} teamId={route.teamId} />;
    case "ownership":
      return <OwnershipPage />;
    case "why":
      return <WhyPage />;
    case "sync":
      return <SyncPage />;
    case "efficiency":
      return <EfficiencyPage />;
    case "budget-review":
      return <BudgetReviewPage />;
    case "nudges":
      return <NudgesPage />;
    case "leaderboard":
      return <LeaderboardPage />;
    case "audit":
      return <AuditPage />;
    case "access":
      return <AccessPage />;
    case "business-review":
      return <BusinessReviewPage />;
    case "commitments":
      return <CommitmentsPage />;
    case "cost-estimate":
      return <CostEstimatePage />;
    case "clusters":
      return <ClustersPage />;
    case "not-found":
      return (
        <div className="card state state-empty">
          Nothing at {route.path}. <Link to={paths.overview}>Back to the overview</Link>
        </div>
      );
  }
}

/** Asks who is signed in first: the sign-in form when nobody is (local mode), else the dashboard. */
export function App() {
  const me = useMe();
  if (me.isPending) return <div className="state">Loading…</div>;
  if (me.isError) return <div className="state state-error" role="alert">{me.error.message}</div>;
  const { identity } = me.data;
  if (!identity) return me.data.mode === "local" ? <SignInPage /> : <div className="state state-error" role="alert">Not signed in: open Tallyboard through the company's sign-on proxy.</div>;
  return (
    <SessionProvider session={sessionOf({ ...me.data, identity })}>
      <Dashboard />
    </SessionProvider>
  );
}

function Dashboard() {
  const route = matchRoute(useHashLocation().path);
  const session = useSession();
  return (
    <div className="layout">
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar-inner">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Tallyboard
        </div>
        <ul>
          {nav.filter((item) => !item.admin || session.can("admin")).map((item) => (
            <li key={item.to}>
              <Link to={item.to} className={item.active(route) ? "nav-link active" : "nav-link"}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <SessionFoot />
        <p className="sidebar-foot">Every AWS dollar on exactly one team.</p>
        </div>
      </nav>
      <main className="content" data-page={route.page}>
        <OpenModeBanner />
        <Page route={route} />
      </main>
    </div>
  );
}
