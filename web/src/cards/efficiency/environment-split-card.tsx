// The coarse split: production / development / data engineering (shared and unknown beside them),
// each against the goal its owning team holds.
import { useEnvironmentView } from "../../api/use-efficiency";
import { useMeasure } from "../../routing/measure";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatShare, formatUsd, formatUsdChange, signOf } from "../../format/money";
import { formatMonth } from "../../format/dates";
import { CsvDownload } from "./csv-download";
import { DataTable, num } from "../../components/data-table";

const LABELS: Record<string, string> = { production: "Production", development: "Development", data: "Data engineering", shared: "Shared", unknown: "No environment" };
const COLORS: Record<string, string> = { production: "#4f46e5", development: "#0ea5e9", data: "#14b8a6", shared: "#94a3b8", unknown: "#f59e0b" };

export function EnvironmentSplitCard() {
  const [measure] = useMeasure();
  const query = useEnvironmentView({ measure });
  return (
    <Card title="Spend by environment" note={query.data?.month ? `${formatMonth(query.data.month)}, each against its team's goal` : undefined} actions={<CsvDownload table="environments" params={{ measure }} />} testId="environment-split">
      <QueryState query={query} isEmpty={(d) => d.rows.length === 0}>
        {(data) => {
          const shown = data.rows.filter((r) => r.environment !== "unknown" || signOf(r.amount) !== 0);
          return (
            <>
              <div className="split-bar" aria-hidden="true">
                {shown.map((r) => <span key={r.environment} style={{ width: `${Number(r.share ?? 0) * 100}%`, background: COLORS[r.environment] }} />)}
              </div>
            <DataTable columns={["Environment", num("Cost (share)"), "Goal (owner)", num("vs goal")]} className="table-compact" testId="environment-table" scroll>
              {shown.map((r) => (
                <tr key={r.environment} data-environment={r.environment}>
                  <td className="nowrap"><span className="swatch" style={{ background: COLORS[r.environment] }} />{LABELS[r.environment] ?? r.environment}</td>
                  <td className="num"><span data-field="cost">{formatUsd(r.amount)}</span> <span className="muted small">{formatShare(r.share)}</span></td>
                  <td>{r.goal ? <>{formatUsd(r.goal.targetValue)}<div className="muted small">{r.goal.teamId ?? ""}</div></> : <span className="muted">—</span>}</td>
                  <td className="num">
                    {r.overGoal === null ? <span className="muted">no goal</span> : <span className={r.status === "over_target" ? "change-up" : "change-down"}>{formatUsdChange(r.overGoal)}</span>}
                  </td>
                </tr>
              ))}
            </DataTable>
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}
