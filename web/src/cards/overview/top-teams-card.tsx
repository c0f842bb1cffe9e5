import { useOverview } from "../../api/use-overview";
import { useMeasure } from "../../routing/measure";
import { paths } from "../../routing/routes";
import { navigateTo } from "../../routing/hash-location";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { RankedBarChart } from "../../charts/ranked-bar-chart";
import { formatMonth } from "../../format/dates";

export function TopTeamsCard() {
  const [measure] = useMeasure();
  const overview = useOverview({ measure });
  const month = overview.data?.lastFullMonth;
  return (
    <Card title="Top teams" note={month ? `Spend in ${formatMonth(month)}, the last full month` : "The last full month"} testId="top-teams-card">
      <QueryState query={overview} isEmpty={(data) => data.topTeams.length === 0} empty="No team has spend in the last full month yet.">
        {(data) => (
          <RankedBarChart
            testId="top-teams-chart"
            ariaLabel="Top teams by spend in the last full month"
            items={data.topTeams.map((team) => ({ id: team.teamId, label: team.name, amount: team.amount }))}
            onSelect={(teamId) => navigateTo(paths.team(teamId))}
          />
        )}
      </QueryState>
    </Card>
  );
}
