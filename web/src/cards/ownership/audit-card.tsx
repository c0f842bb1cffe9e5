// Who changed ownership, when, and what it was before and after.
import { useOwnershipAudit } from "../../api/use-ownership-audit";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatTimestamp } from "../../format/dates";
import { auditActionLabel, auditChange, type AuditFact } from "./audit-summary";
import { DataTable } from "../../components/data-table";
import type { DashboardDefaults } from "../../../../api/dashboard-defaults";

const AUDIT_LIMIT: DashboardDefaults["ownershipAuditLimit"] = 50; // typed by the API's literal (warmed view)

export function AuditCard() {
  const audit = useOwnershipAudit({ limit: AUDIT_LIMIT });
  return (
    <Card title="Audit trail" note="Every change of ownership metadata, newest first: rule edits made here and ownership-file applies." testId="audit-card">
      <QueryState query={audit} height={120} isEmpty={(data) => data.entries.length === 0} empty="No ownership changes recorded yet.">
        {(data) => (
          <DataTable columns={["When", "Who", "Action", "Before", "After"]} className="table-compact" testId="audit-table" scroll>
            {data.entries.map((entry) => {
              const change = auditChange(entry);
              return (
                <tr key={entry.id} data-action={entry.action}>
                  <td className="nowrap secondary">{formatTimestamp(entry.at)}</td>
                  <td className="nowrap"><strong>{entry.actor}</strong></td>
                  <td className="nowrap">
                    {auditActionLabel(entry.action)}
                    {entry.versionId !== null ? <div className="muted small">version {entry.versionId}</div> : null}
                  </td>
                  <td><Facts facts={change.before} /></td>
                  <td><Facts facts={change.after} /></td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}

function Facts({ facts }: { facts: AuditFact[] }) {
  if (facts.length === 0) return <span className="muted">—</span>;
  return (
    <span className="facts-inline">
      {facts.map((fact) => (
        <span key={fact.key} className="fact">
          <span className="fact-key">{fact.key}</span> <span className="mono">{fact.value}</span>
        </span>
      ))}
    </span>
  );
}
