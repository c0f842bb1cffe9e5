// Nudges: what each team should fix before finance asks, with a team filter (#/nudges?team=…).
import { useTeams } from "../api/use-teams";
import { PageHeader } from "../components/page-header";
import { NudgeInboxCard } from "../cards/nudges/nudge-inbox-card";
import { NudgeDeliveryCard } from "../cards/nudges/nudge-delivery-card";
import { updateHashParams, useHashLocation } from "../routing/hash-location";

export function NudgesPage() {
  const teamId = useHashLocation().params.get("team") ?? undefined;
  const teams = useTeams({ measure: "amortized" });
  const options = (teams.data?.teams ?? []).filter((t) => t.id !== "unattributed").sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <PageHeader title="Nudges" subtitle="Findings from the latest sync, each with its evidence, the dollars at stake and what to do." measure={false}>
        <label className="field nudge-team-filter">
          <span className="field-label">Team</span>
          <select value={teamId ?? ""} onChange={(event) => updateHashParams({ team: event.target.value || undefined })} aria-label="Team">
            <option value="">All teams</option>
            {options.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
      </PageHeader>
      <NudgeInboxCard key={teamId ?? "all"} teamId={teamId} title={teamId ? "Team inbox" : "All teams"} />
      {teamId ? <NudgeDeliveryCard teamId={teamId} /> : null}
    </>
  );
}
