// The five numbers a person asks first: last month, this month so far, how much has an owner, how much doesn't, how fresh.
import type { ReactNode } from "react";
import { useOverview } from "../../api/use-overview";
import { useMeasure } from "../../routing/measure";
import { formatShare, formatUsd, formatUsdWhole } from "../../format/money";
import { formatDay, formatMonth } from "../../format/dates";
import { Empty, ErrorState, Loading } from "../../components/query-state";

function Stat({ label, value, detail, testId, tone }: { label: string; value: ReactNode; detail?: ReactNode; testId: string; tone?: "warning" }) {
  return (
    <div className={`stat ${tone ? `stat-${tone}` : ""}`} data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {detail ? <div className="stat-detail">{detail}</div> : null}
    </div>
  );
}

export function HeadlineCards() {
  const [measure] = useMeasure();
  const overview = useOverview({ measure });
  if (overview.isPending) return <div className="stats card"><Loading height={72} /></div>;
  if (overview.isError) return <div className="stats card"><ErrorState error={overview.error} onRetry={() => void overview.refetch()} /></div>;
  const { lastCompleteBillingDay, currentMonth, lastFullMonth, months } = overview.data;
  if (!lastCompleteBillingDay) return <div className="stats card"><Empty height={72}>No data yet: the first sync is running.</Empty></div>;
  const current = months.find((m) => m.month === currentMonth);
  const last = months.find((m) => m.month === lastFullMonth);
  return (
    <div className="stats" data-testid="headline-cards">
      <Stat testId="headline-last-full-month" label={`Spend in ${lastFullMonth ? formatMonth(lastFullMonth) : "last month"}`} value={last ? formatUsdWhole(last.total) : "—"} detail={last ? formatUsd(last.total) : undefined} />
      <Stat testId="headline-month-to-date" label={`${currentMonth ? formatMonth(currentMonth) : "This month"} to date`} value={current ? formatUsdWhole(current.total) : "—"} detail={`through ${formatDay(lastCompleteBillingDay)}`} />
      <Stat testId="headline-share-attributed" label="Share with an owner" value={formatShare(last?.shareAttributed ?? null)} detail={lastFullMonth ? `of ${formatMonth(lastFullMonth)} spend` : undefined} />
      <Stat testId="headline-unattributed" tone="warning" label="Without an owner" value={last ? formatUsdWhole(last.unattributed) : "—"} detail={lastFullMonth ? `in ${formatMonth(lastFullMonth)}` : undefined} />
      <Stat testId="headline-last-complete-day" label="Last complete billing day" value={<time dateTime={lastCompleteBillingDay}>{formatDay(lastCompleteBillingDay)}</time>} detail="newer days are still being billed" />
    </div>
  );
}
