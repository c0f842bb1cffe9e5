import { PageHeader } from "../components/page-header";
import { TeamsTableCard } from "../cards/teams/teams-table-card";
import { OrgRollupCard } from "../cards/teams/org-rollup-card";

export function TeamsPage() {
  return (
    <>
      <PageHeader title="Teams" subtitle="Each team's spend, this month so far against the same days last month." />
      <TeamsTableCard />
      <OrgRollupCard />
    </>
  );
}
