// The newest reconciliation's control: attribution against the bill as Cost Explorer states it
// ungrouped per day and account (jobs/attribution/control-check.ts), both figures side by side.
import type { ControlCheck } from "../../../../jobs/attribution/control-check";
import { DataTable, num } from "../../components/data-table";
import { formatUsd } from "../../format/money";

export function ControlTotal({ control }: { control: ControlCheck | undefined }) {
  if (!control || control.daysChecked === 0) {
    return (
      <p className="muted" data-testid="control-total">
        No independent control total for these days: Cost Explorer was not queried for them (exports only). Hold the import's invoice totals against the invoice instead.
      </p>
    );
  }
  const ok = control.mismatchCount === 0;
  return (
    <div data-testid="control-total">
      <div className={`reconciliation ${ok ? "reconciliation-ok" : "reconciliation-failed"}`}>
        <span className="reconciliation-icon" aria-hidden="true">{ok ? "✓" : "!"}</span>
        <div>
          <strong data-testid="control-result">{ok ? "Matches Cost Explorer's own totals" : `${control.mismatchCount} differences from Cost Explorer's own totals`}</strong>
          <div className="muted">
            {control.accountDaysChecked} account-days on {control.daysChecked} days, against one ungrouped Cost Explorer query per day and account, to the cent
          </div>
        </div>
        <dl className="facts facts-right">
          <dt>Control (Cost Explorer), unblended</dt>
          <dd className="num" data-testid="control-amount">{formatUsd(control.controlUnblended)}</dd>
          <dt>Attributed, unblended</dt>
          <dd className="num" data-testid="control-attributed">{formatUsd(control.attributedUnblended)}</dd>
        </dl>
      </div>
      {ok ? null : (
        <DataTable columns={["Day", "Account", "Measure", num("Control"), num("Attributed")]} className="table-compact" testId="control-mismatches">
          {control.mismatches.map((m) => (
            <tr key={`${m.day}-${m.accountId}-${m.measure}`}>
              <td>{m.day}</td>
              <td>{m.accountId}</td>
              <td>{m.measure}</td>
              <td className="num">{formatUsd(m.control)}</td>
              <td className="num">{formatUsd(m.attributed)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
