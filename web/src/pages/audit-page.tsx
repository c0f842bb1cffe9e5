// Every change to ownership rules, budgets, tokens, users and settings: who, when, before and after.
import { useState } from "react";
import { PageHeader } from "../components/page-header";
import { Card } from "../components/card";
import { QueryState } from "../components/query-state";
import { auditExportUrl, useAuditTrail, type AuditArea } from "../api/use-access";
import { formatTimestamp } from "../format/dates";

const AREAS: { value: AuditArea | undefined; label: string }[] = [
  { value: undefined, label: "All" },
  { value: "ownership", label: "Ownership rules" },
  { value: "budgets", label: "Budgets" },
  { value: "access", label: "Tokens and users" },
  { value: "settings", label: "Settings" },
];

const brief = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));

export function AuditPage() {
  const [area, setArea] = useState<AuditArea | undefined>(undefined);
  const trail = useAuditTrail(area);
  return (
    <>
      <PageHeader measure={false} title="Audit" subtitle="Who changed what and when, with the values before and after." />
      <Card
        title="Audit trail"
        note="Newest first, the last 200 changes; the CSV has up to 10,000."
        testId="audit-trail"
        actions={
          <>
            <div className="segmented" role="group" aria-label="Area">
              {AREAS.map((a) => (
                <button key={a.label} type="button" className={a.value === area ? "active" : undefined} onClick={() => setArea(a.value)}>{a.label}</button>
              ))}
            </div>
            <a className="button button-small" href={auditExportUrl(area)} download data-testid="audit-export">Export CSV</a>
          </>
        }
      >
        <QueryState query={trail} height={120} isEmpty={(d) => d.entries.length === 0} empty="No changes recorded yet.">
          {(data) => (
            <div className="table-scroll">
              <table className="table table-compact" data-testid="audit-trail-table">
                <thead><tr><th>When</th><th>Who</th><th>Area</th><th>Action</th><th>Subject</th><th>Before</th><th>After</th></tr></thead>
                <tbody>
                  {data.entries.map((e) => (
                    <tr key={`${e.area}-${e.id}`} data-action={e.action}>
                      <td className="nowrap secondary">{formatTimestamp(e.at)}</td>
                      <td className="nowrap"><strong>{e.actor}</strong></td>
                      <td>{e.area}</td>
                      <td className="nowrap">{e.action}</td>
                      <td>{e.subject}</td>
                      <td className="mono small audit-value">{brief(e.before)}</td>
                      <td className="mono small audit-value">{brief(e.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </Card>
    </>
  );
}
