// Daily cost by service or by account, with each series' total for the period.
import { useTeamDetail } from "../../api/use-team-detail";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { DailyStackedChart } from "../../charts/daily-stacked-chart";
import { seriesColor } from "../../charts/palette";
import { formatUsd } from "../../format/money";
import type { TeamDetailParams } from "./team-params";

const titles = { service: "Daily cost by service", account: "Daily cost by account" } as const;

const notes = { service: "The largest eight, the rest summed as Other. Click a day to see why it is on this team.", account: "The largest eight, the rest summed as Other." } as const;

export function DailyBreakdownCard({ params, dimension, onSelectDay }: { params: TeamDetailParams; dimension: "service" | "account"; onSelectDay?: (day: string) => void }) {
  const detail = useTeamDetail(params);
  return (
    <Card title={titles[dimension]} note={onSelectDay ? notes[dimension] : notes.account} testId={`team-by-${dimension}-card`}>
      <QueryState query={detail} height={300} isEmpty={(data) => (dimension === "service" ? data.byService : data.byAccount).series.length === 0} empty="No spend in this period.">
        {(data) => {
          const breakdown = dimension === "service" ? data.byService : data.byAccount;
          return (
            <div className={detail.isPlaceholderData ? "stale" : undefined}>
              <DailyStackedChart breakdown={breakdown} testId={`team-by-${dimension}-chart`} ariaLabel={titles[dimension]} onSelectDay={onSelectDay} />
              <ul className="series-totals">
                {breakdown.series.map((s, index) => (
                  <li key={s.key}>
                    <span className="swatch" style={{ background: seriesColor(s.key, index) }} />
                    <span className="series-label" title={s.label}>{s.label}</span>
                    <span className="num">{formatUsd(s.total)}</span>
                  </li>
                ))}
              </ul>
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}
