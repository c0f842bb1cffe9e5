// #/why?teamId=…&day=…[&service=…][&accountId=…]: the Why answer as a page of its own, for sharing.
import { useHashLocation } from "../routing/hash-location";
import { Link } from "../routing/link";
import { paths } from "../routing/routes";
import { useMeasure } from "../routing/measure";
import { useTeams } from "../api/use-teams";
import { Card } from "../components/card";
import { Empty } from "../components/query-state";
import { WhyExplanation } from "../cards/why/why-explanation";
import { WhyTitle } from "../cards/why/why-title";

const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function WhyPage() {
  const { params } = useHashLocation();
  const [measure] = useMeasure();
  const teams = useTeams({ measure });
  const teamId = params.get("teamId");
  const day = params.get("day");
  if (!teamId || !isDay(day)) {
    return (
      <Card title="Why is this on my team?">
        <Empty>Pick a day on a team's page (the daily cost chart, or its largest service-days) to see why its dollars are there.</Empty>
      </Card>
    );
  }
  const cell = { teamId, day, service: params.get("service") ?? undefined, accountId: params.get("accountId") ?? undefined };
  const teamName = teams.data?.teams.find((team) => team.id === teamId)?.name ?? teamId;
  return (
    <>
      <div className="back-link">
        <Link to={paths.team(teamId)}>← {teamName}</Link>
      </div>
      <div className="card why-card" data-testid="why-page">
        <WhyTitle cell={cell} teamName={teamName} />
        <WhyExplanation cell={cell} />
      </div>
    </>
  );
}
