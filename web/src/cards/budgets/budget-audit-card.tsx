// The month's budget trail: every import, edit and approval with who, when, before and after.
import { useBudgetAudit, type BudgetAuditEntry } from "../../api/use-budgets";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatMonth, formatTimestamp } from "../../format/dates";
import { formatUsd } from "../../format/money";
import { DataTable } from "../../components/data-table";
import type { DashboardDefaults } from "../../../../api/dashboard-defaults";

const AUDIT_LIMIT: DashboardDefaults["budgetAuditLimit"] = 200; // typed by the API's literal (warmed view)

const actions: Record<string, string> = { "budget.import": "Imported", "budget.update": "Changed", "approval.create": "Approved overrun" };

function amountOf(state: unknown): string | null {
  const value = state && typeof state === "object" && "budgetUsd" in state ? (state as { budgetUsd: unknown }).budgetUsd : null;
  return typeof value === "string" ? formatUsd(value) : null;
}

function describe(entry: BudgetAuditEntry): string {
  if (entry.action === "approval.create") {
    const reason = entry.after && typeof entry.after === "object" && "reason" in entry.after ? String((entry.after as { reason: unknown }).reason) : "";
    return `“${reason}”`;
  }
  const before = amountOf(entry.before);
  const after = amountOf(entry.after);
  return before ? `${before} → ${after ?? "—"}` : `set to ${after ?? "—"}`;
}

export function BudgetAuditCard({ month }: { month: string }) {
  const audit = useBudgetAudit({ month, limit: AUDIT_LIMIT });
  return (
    <Card title="Budget changes and approvals" note={`${formatMonth(month)}: newest first.`} testId="budget-audit">
      <QueryState query={audit} height={60} isEmpty={(d) => d.entries.length === 0} empty="No budget for this month yet: import budgets.csv or set one per team.">
        {(d) => <AuditEntries entries={d.entries} />}
      </QueryState>
    </Card>
  );
}

/** Imports repeat one line per team, so they show as one summary line; edits and approvals in full. */
function AuditEntries({ entries }: { entries: BudgetAuditEntry[] }) {
  const imports = entries.filter((e) => e.action === "budget.import");
  const changes = entries.filter((e) => e.action !== "budget.import");
  const importers = [...new Set(imports.map((e) => e.actor))].join(", ");
  return (
    <>
      {imports.length > 0 ? (
        <p className="card-note" data-testid="budget-audit-imports">
          {imports.length} team budgets imported from CSV by {importers}, the newest on {formatTimestamp(imports[0]!.at)}.
        </p>
      ) : null}
      {changes.length > 0 ? (
        <DataTable columns={["When", "Who", "Team", "What", "Detail"]} className="table-compact" testId="budget-audit-table">
          {changes.map((entry) => (
            <tr key={entry.id}>
              <td className="secondary">{formatTimestamp(entry.at)}</td>
              <td>{entry.actor}</td>
              <td>{entry.teamId}</td>
              <td>{actions[entry.action] ?? entry.action}</td>
              <td>{describe(entry)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="muted">No edits or approvals yet.</p>
      )}
    </>
  );
}
