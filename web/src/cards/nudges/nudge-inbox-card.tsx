// A team's inbox (or everyone's): nudges by status, the most dollars at stake first.
import { useState } from "react";
import { useNudges, type NudgeView } from "../../api/use-nudges";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatUsdWhole } from "../../format/money";
import { NudgeItem } from "./nudge-item";
import { viewLabels } from "./nudge-labels";
import "../../nudges.css";

const views = Object.keys(viewLabels) as NudgeView[];

export function NudgeInboxCard({ teamId, title = "Inbox", limit }: { teamId?: string; title?: string; limit?: number }) {
  const [view, setView] = useState<NudgeView>("active");
  const query = useNudges({ teamId, view });
  const counts = query.data?.counts ?? {};
  const countOf = (v: NudgeView) => (v === "active" ? (counts.open ?? 0) + (counts.acknowledged ?? 0) + (counts.snoozed ?? 0) : (counts[v] ?? 0));
  return (
    <Card
      title={title}
      testId="nudge-inbox"
      note={query.data ? `${formatUsdWhole(query.data.monthlyAtStake)}/month at stake in this view · data through ${query.data.today ?? "—"}` : undefined}
      actions={
        <div className="chips" role="tablist" aria-label="Nudge status">
          {views.map((v) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? "chip active" : "chip"} onClick={() => setView(v)}>
              {viewLabels[v]} <span className="chip-count">{countOf(v)}</span>
            </button>
          ))}
        </div>
      }
    >
      <QueryState query={query} isEmpty={(data) => data.nudges.length === 0} empty={view === "active" ? "Nothing to act on. Nudges appear here after each sync." : `No ${viewLabels[view].toLowerCase()} nudges.`}>
        {(data) => (
          <ul className="nudge-list">
            {data.nudges.slice(0, limit).map((nudge) => <NudgeItem key={nudge.id} nudge={nudge} showTeam={!teamId} />)}
          </ul>
        )}
      </QueryState>
    </Card>
  );
}
