// The ownership rules in force, in the order attribution tries them. Rules made here can be
// changed or ended; rules from the ownership file are read-only (change the file).
import { useOwnershipRules, type OwnershipRule } from "../../api/use-ownership-rules";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { Link } from "../../routing/link";
import { paths } from "../../routing/routes";
import { formatDay } from "../../format/dates";

/** Oct 1, 26: the From column is narrow. */
const formatShortDayYear = (day: string) => formatDay(day).replace(/, 20(\d\d)$/, " ’$1");
import { ruleKindLabel } from "../../format/decided-by";
import type { EditorIntent } from "./rule-draft";
import { Can } from "../../session/session";
import { DataTable, num } from "../../components/data-table";

export const API_SOURCE = "api";

/** The first day of time, as the ownership file's rules carry it: "always". */
const isSinceEver = (day: string) => day <= "1970-01-01";

export function sourceLabel(source: string) {
  return source === API_SOURCE ? "Dashboard / API" : source === "ownership-file" ? "ownership.yaml" : source;
}

export function RulesCard({ onEdit, editingId }: { onEdit: (intent: EditorIntent) => void; editingId: number | null }) {
  const rules = useOwnershipRules();
  return (
    <Card
      title="Ownership rules"
      note="Tried in priority order; the first that matches a line decides its team. Rules from ownership.yaml are read-only here: change the file."
      actions={rules.data ? <span className="count-badge">{rules.data.rules.length} in force</span> : null}
      testId="rules-card"
    >
      <QueryState query={rules} height={200} isEmpty={(data) => data.rules.length === 0} empty="No rules yet: every dollar goes to shared-cost splits or stays without an owner.">
        {(data) => (
          <div className="table-scroll rules-scroll">
            <DataTable columns={[num("Priority"), "Kind · match", "Team", "From", "Source"]} className="table-compact" testId="rules-table">
              {data.rules.map((rule) => (
                <RuleRow key={rule.id} rule={rule} onEdit={onEdit} editing={rule.id === editingId} />
              ))}
            </DataTable>
          </div>
        )}
      </QueryState>
    </Card>
  );
}

function RuleRow({ rule, onEdit, editing }: { rule: OwnershipRule; onEdit: (intent: EditorIntent) => void; editing: boolean }) {
  const editable = rule.source === API_SOURCE;
  return (
    <tr data-rule-id={rule.id} data-source={rule.source} className={editing ? "row-selected" : undefined}>
      <td className="num">{rule.priority}</td>
      <td className="rule-cell">
        <div className="muted small">{ruleKindLabel(rule.kind)}</div>
        <div className="mono match-cell" title={rule.match} data-field="match">{rule.match}</div>
      </td>
      <td>
        <Link to={paths.team(rule.teamId)}>{rule.teamName}</Link>
      </td>
      <td className="nowrap small">{isSinceEver(rule.validFrom) ? <span className="muted">always</span> : formatShortDayYear(rule.validFrom)}</td>
      <td className="nowrap">
        {editable ? (
          <>
            <span className="pill pill-accent" title="Made in the dashboard or the API: editable">dashboard</span>
            <Can need="admin">
              <div className="rule-actions">
                <button type="button" className="button-link" onClick={() => onEdit({ mode: "update", rule })} data-testid="edit-rule">Edit</button>
                <button type="button" className="button-link danger-link" onClick={() => onEdit({ mode: "end", rule })} data-testid="end-rule">End…</button>
              </div>
            </Can>
          </>
        ) : (
          <>
            <span className="pill pill-muted" title={`From ${sourceLabel(rule.source)}: change it there`}>{sourceLabel(rule.source)}</span>
            <div className="muted small read-only">read-only</div>
          </>
        )}
      </td>
    </tr>
  );
}
