// Leaderboard: teams ranked by improvement against their own baseline, and the wins they recorded.
import { LeaderboardCard } from "../cards/leaderboard/leaderboard-card";
import { WinsCard } from "../cards/leaderboard/wins-card";
import { PageHeader } from "../components/page-header";
import { updateHashParams, useHashLocation } from "../routing/hash-location";
import { useMeasure } from "../routing/measure";
import "../leaderboard.css";

export function LeaderboardPage() {
  const month = useHashLocation().params.get("month") ?? undefined;
  const [measure] = useMeasure();
  return (
    <>
      <PageHeader title="Leaderboard" subtitle="Who improved most against their own recent past, not who spends least.">
        <label className="field">
          <span className="field-label">Month</span>
          <input type="month" value={month ?? ""} onChange={(e) => updateHashParams({ month: e.target.value || undefined })} aria-label="Month" />
        </label>
      </PageHeader>
      <LeaderboardCard month={month} measure={measure} />
      <WinsCard measure={measure} />
    </>
  );
}
