// Why these dollars are here: which attribution rule put them on this team.
import { useTeamDetail } from "../../api/use-team-detail";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { ShareDonutChart } from "../../charts/share-donut-chart";
import { DECIDED_BY_COLORS, OTHER_COLOR } from "../../charts/palette";
import { formatUsd } from "../../format/money";
import { DECIDED_BY } from "../../format/decided-by";
import type { TeamDetailParams } from "./team-params";

export function DecidedByCard({ params }: { params: TeamDetailParams }) {
  const detail = useTeamDetail(params);
  return (
    <Card title="Why these dollars are here" note="The rule that placed each dollar on this team." testId="team-decided-by-card">
      <QueryState query={detail} height={200} isEmpty={(data) => data.decidedBy.length === 0} empty="No spend in this period.">
        {(data) => {
          const slices = data.decidedBy.map((row) => ({
            key: row.decidedBy,
            label: DECIDED_BY[row.decidedBy]?.label ?? row.decidedBy,
            amount: row.amount,
            color: DECIDED_BY_COLORS[row.decidedBy] ?? OTHER_COLOR,
          }));
          return (
            <div className="decided-by">
              <ShareDonutChart slices={slices} testId="team-decided-by-chart" ariaLabel="Spend by attribution rule" size={150} />
              <table className="table table-compact" data-testid="team-decided-by-table">
                <tbody>
                  {slices.map((slice) => (
                    <tr key={slice.key}>
                      <td>
                        <span className="swatch" style={{ background: slice.color }} />
                        <strong>{slice.label}</strong>
                        <div className="muted small">{DECIDED_BY[slice.key]?.why}</div>
                      </td>
                      <td className="num">{formatUsd(slice.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}
