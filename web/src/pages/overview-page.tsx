import { PageHeader } from "../components/page-header";
import { HeadlineCards } from "../cards/overview/headline-cards";
import { MonthlySpendCard } from "../cards/overview/monthly-spend-card";
import { TopTeamsCard } from "../cards/overview/top-teams-card";
import { UnattributedAccountsCard } from "../cards/overview/unattributed-accounts-card";

export function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" subtitle="Where the AWS bill goes, and how much of it has an owner." />
      <HeadlineCards />
      <MonthlySpendCard />
      <div className="grid-2">
        <TopTeamsCard />
        <UnattributedAccountsCard />
      </div>
    </>
  );
}
