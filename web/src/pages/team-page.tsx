// One team over a period: who they are, what they spent, on what, in which accounts, and why it is theirs.
import { useLastCompleteBillingDay } from "../api/use-job-runs";
import { useTeamDetail } from "../api/use-team-detail";
import { ApiRequestError } from "../api/client";
import { ErrorState } from "../components/query-state";
import { useMeasure } from "../routing/measure";
import { resolvePeriod, usePeriodChoice } from "../routing/period";
import { paths } from "../routing/routes";
import { Link } from "../routing/link";
import { PeriodPicker } from "../components/period-picker";
import { MeasureSelect } from "../components/measure-select";
import { Loading } from "../components/query-state";
import { TeamHeaderCard } from "../cards/team/team-header-card";
import { PeriodTotalCard } from "../cards/team/period-total-card";
import { DailyBreakdownCard } from "../cards/team/daily-breakdown-card";
import { DecidedByCard } from "../cards/team/decided-by-card";
import { TopServiceDaysCard } from "../cards/team/top-service-days-card";
import { TeamClustersCard } from "../cards/team/team-clusters-card";
import { WhyDrawer } from "../cards/why/why-drawer";
import { NudgeInboxCard } from "../cards/nudges/nudge-inbox-card";
import { updateHashParams, useHashLocation } from "../routing/hash-location";

export function TeamPage({ teamId }: { teamId: string }) {
  const [measure] = useMeasure();
  const [choice, setChoice] = usePeriodChoice();
  // The Why panel's cell lives in the URL (?why=day&whyService=…), so Back closes it and it can be shared.
  const hash = useHashLocation().params;
  const whyDay = hash.get("why");
  const openWhy = (day: string, service?: string) => updateHashParams({ why: day, whyService: service });
  // Presets end on the last complete billing day, so a period never includes a half-billed day.
  const lastDay = useLastCompleteBillingDay();
  const period = resolvePeriod(choice, lastDay.data);
  const params = { teamId, measure, ...period };
  // The same cached request the cards make; only read here to show one message for an unknown team.
  const detail = useTeamDetail(params, { enabled: !lastDay.isPending });
  if (lastDay.isPending) return <Loading />;
  if (detail.error instanceof ApiRequestError && detail.error.status === 404) {
    return (
      <>
        <div className="back-link"><Link to={paths.teams}>← All teams</Link></div>
        <div className="card"><ErrorState error={detail.error} /></div>
      </>
    );
  }
  return (
    <>
      <div className="back-link">
        <Link to={paths.teams}>← All teams</Link>
      </div>
      <header className="page-header">
        <TeamHeaderCard params={params} />
        <div className="page-tools">
          <MeasureSelect />
        </div>
      </header>
      <div className="toolbar">
        <PeriodPicker choice={choice} onChange={setChoice} resolved={period} />
      </div>
      <div className="grid-total">
        <PeriodTotalCard params={params} />
        <DecidedByCard params={params} />
      </div>
      <DailyBreakdownCard params={params} dimension="service" onSelectDay={(day) => openWhy(day)} />
      <TopServiceDaysCard params={params} onSelect={openWhy} />
      <TeamClustersCard params={params} />
      <NudgeInboxCard teamId={teamId} title="Nudges" limit={5} />
      <DailyBreakdownCard params={params} dimension="account" />
      {whyDay && /^\d{4}-\d{2}-\d{2}$/.test(whyDay) ? (
        <WhyDrawer
          params={params}
          day={whyDay}
          service={hash.get("whyService") ?? undefined}
          onSelect={(service) => openWhy(whyDay, service)}
          onClose={() => updateHashParams({ why: undefined, whyService: undefined })}
        />
      ) : null}
    </>
  );
}
