// Who this team is: name, where it sits in the org, where to reach it.
import { useTeamDetail } from "../../api/use-team-detail";
import { ErrorState, Loading } from "../../components/query-state";
import type { TeamDetailParams } from "./team-params";
import { UNATTRIBUTED_TEAM_ID } from "../teams/unattributed";

export function TeamHeaderCard({ params }: { params: TeamDetailParams }) {
  const detail = useTeamDetail(params);
  if (detail.isPending) return <div className="team-header"><Loading height={56} /></div>;
  if (detail.isError) return <div className="team-header"><ErrorState error={detail.error} /></div>;
  const { team } = detail.data;
  const unattributed = team.id === UNATTRIBUTED_TEAM_ID;
  return (
    <div className="team-header" data-testid="team-header">
      <div className="breadcrumbs">{[team.orgName, team.groupName].filter(Boolean).join(" › ") || (unattributed ? "Spend no rule could place" : "No group")}</div>
      <h1 className="page-title">
        {team.name}
        {unattributed ? <span className="badge badge-warning">no owner</span> : null}
      </h1>
      <dl className="facts">
        {team.groupName ? (<><dt>Group</dt><dd>{team.groupName}</dd></>) : null}
        {team.orgName ? (<><dt>Org</dt><dd>{team.orgName}</dd></>) : null}
        <dt>Slack</dt>
        <dd>{team.slackChannel ? <span className="mono">{team.slackChannel}</span> : <span className="muted">none</span>}</dd>
      </dl>
    </div>
  );
}
