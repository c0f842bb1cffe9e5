// Did every billed dollar land on exactly one team? The newest reconciliation says.
import { useJobRuns } from "../../api/use-job-runs";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatDay, formatTimestamp, addDays } from "../../format/dates";
import { formatUsd } from "../../format/money";
import { latestReconciliation } from "./reconciliation";
import { DataTable, num } from "../../components/data-table";
import { ControlTotal } from "./control-total";

export function ReconciliationCard() {
  const runs = useJobRuns();
  return (
    <Card title="Reconciliation" note="Per day and per measure, attributed totals must equal billed totals exactly; and the bill itself is held against a control total attribution did not produce." testId="reconciliation-card">
      <QueryState query={runs} isEmpty={(data) => latestReconciliation(data.runs) === null} empty="No reconciliation yet: it runs at the end of each cost sync.">
        {(data) => {
          const { run, reconciliation } = latestReconciliation(data.runs)!;
          const ok = reconciliation.mismatches.length === 0;
          return (
            <div>
              <div className={`reconciliation ${ok ? "reconciliation-ok" : "reconciliation-failed"}`} data-testid="reconciliation-result">
                <span className="reconciliation-icon" aria-hidden="true">{ok ? "✓" : "!"}</span>
                <div>
                  <strong>{ok ? "Every day reconciles" : `${reconciliation.mismatches.length} mismatches`}</strong>
                  <div className="muted">
                    <span data-testid="reconciliation-days">{reconciliation.daysChecked}</span> days checked
                    {run.windowStart && run.windowEnd ? ` (${formatDay(run.windowStart)} – ${formatDay(addDays(run.windowEnd, -1))})` : ""}, run #{run.id} at {formatTimestamp(run.startedAt)}
                  </div>
                </div>
                <dl className="facts facts-right">
                  <dt>Billed, amortized</dt>
                  <dd className="num">{formatUsd(reconciliation.billedAmortized)}</dd>
                  <dt>Billed, unblended</dt>
                  <dd className="num">{formatUsd(reconciliation.billedUnblended)}</dd>
                </dl>
              </div>
              {ok ? null : (
                <DataTable columns={["Day", "Measure", num("Billed"), num("Attributed")]} className="table-compact" testId="reconciliation-mismatches">
                  {reconciliation.mismatches.map((m) => (
                    <tr key={`${m.day}-${m.measure}`}>
                      <td>{m.day}</td>
                      <td>{m.measure}</td>
                      <td className="num">{m.billed === null ? "—" : formatUsd(m.billed)}</td>
                      <td className="num">{m.attributed === null ? "—" : formatUsd(m.attributed)}</td>
                    </tr>
                  ))}
                </DataTable>
              )}
              <ControlTotal control={reconciliation.control} />
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}
