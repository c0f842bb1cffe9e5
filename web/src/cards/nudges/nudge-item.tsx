// One nudge: what was found, the dollars at stake, what to do, the evidence, and the actions.
import type { Nudge } from "../../api/use-nudges";
import { formatUsdWhole } from "../../format/money";
import { Link } from "../../routing/link";
import { paths } from "../../routing/routes";
import { NudgeActions } from "./nudge-actions";
import { NudgeEvidence } from "./nudge-evidence";
import { ruleLabels } from "./nudge-labels";
import { Can } from "../../session/session";

function statusNote(nudge: Nudge): string {
  switch (nudge.status) {
    case "snoozed":
      return `snoozed until ${nudge.snoozedUntil}`;
    case "dismissed":
      return `dismissed: ${nudge.dismissReason}${nudge.note ? ` (${nudge.note})` : ""}`;
    case "acknowledged":
      return `acknowledged${nudge.actor ? ` by ${nudge.actor}` : ""}`;
    case "resolved":
      return `resolved ${nudge.resolvedDay}`;
    default:
      return "open";
  }
}

export function NudgeItem({ nudge, showTeam }: { nudge: Nudge; showTeam: boolean }) {
  // Resources the billing source does not itemize (Cost Explorer) have no known cost, not a zero one.
  const costUnknown = nudge.evidence.costKnown === false;
  return (
    <li className={`nudge nudge-${nudge.status}`} data-testid="nudge" data-rule={nudge.rule} data-status={nudge.status} data-team-id={nudge.teamId}>
      <div className="nudge-stake" title="Estimated dollars per month at stake">
        <strong>{costUnknown ? "—" : formatUsdWhole(nudge.monthlyAtStake)}</strong>
        <span>{costUnknown ? "cost not itemized" : "/ month"}</span>
      </div>
      <div className="nudge-main">
        <div className="nudge-meta">
          <span className={`nudge-rule nudge-rule-${nudge.rule}`}>{ruleLabels[nudge.rule] ?? nudge.rule}</span>
          {showTeam ? <Link to={paths.team(nudge.teamId)} className="nudge-team">{nudge.teamName ?? nudge.teamId}</Link> : null}
          <span className="muted">since {nudge.firstSeenDay} · {statusNote(nudge)}</span>
        </div>
        <h3 className="nudge-title">{nudge.title}</h3>
        <p className="nudge-action-text">{nudge.action}</p>
        <NudgeEvidence rule={nudge.rule} evidence={nudge.evidence} />
        <Can need="editor" teamId={nudge.teamId}><NudgeActions nudge={nudge} /></Can>
      </div>
    </li>
  );
}
