// The team's largest service-days, each one click from why it is on this team.
import { useTeamDetail } from "../../api/use-team-detail";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatUsd } from "../../format/money";
import { formatDay } from "../../format/dates";
import { topServiceDays } from "./top-service-days";
import type { TeamDetailParams } from "./team-params";

export function TopServiceDaysCard({ params, onSelect }: { params: TeamDetailParams; onSelect: (day: string, service: string) => void }) {
  const detail = useTeamDetail(params);
  return (
    <Card title="Largest service-days" note="Click one to see which rule put it on this team." testId="team-top-service-days-card">
      <QueryState query={detail} height={160} isEmpty={(data) => data.byService.series.length === 0} empty="No spend in this period.">
        {(data) => (
          <table className={`table table-compact table-clickable ${detail.isPlaceholderData ? "stale" : ""}`} data-testid="top-service-days-table">
            <thead>
              <tr>
                <th>Day</th>
                <th>Service</th>
                <th className="num">Cost</th>
                <th aria-label="Explain" />
              </tr>
            </thead>
            <tbody>
              {topServiceDays(data.byService, 8).map((cell) => (
                <tr key={`${cell.day}|${cell.service}`} data-day={cell.day} data-service={cell.service} onClick={() => onSelect(cell.day, cell.service)}>
                  <td className="nowrap">{formatDay(cell.day)}</td>
                  <td>{cell.service}</td>
                  <td className="num">{formatUsd(cell.amount)}</td>
                  <td className="num">
                    <button type="button" className="button-link" onClick={(event) => { event.stopPropagation(); onSelect(cell.day, cell.service); }}>
                      Why?
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </Card>
  );
}
