// Add, change or end a rule. Every change is previewed first (the dollars per team that would
// move), and only a previewed change can be applied; API validation errors show by the form.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTeams, type TeamRow } from "../../api/use-teams";
import { useOwnershipRules } from "../../api/use-ownership-rules";
import { useApplyChange, usePreviewChange } from "../../api/use-rule-changes";
import { Card } from "../../components/card";
import { Loading } from "../../components/query-state";
import { useMeasure } from "../../routing/measure";
import { formatDay } from "../../format/dates";
import { RULE_KINDS, ruleKindLabel, type RuleKind } from "../../format/decided-by";
import { UNATTRIBUTED_TEAM_ID } from "../teams/unattributed";
import { PreviewMoves } from "./preview-moves";
import { draftFor, fieldOfError, freePriority, pendingChange, type DraftField, type EditorIntent, type RuleDraft } from "./rule-draft";
import { useActor } from "./use-actor";
import { useSession } from "../../session/session";

const titles = { create: "Add a rule", update: "Change a rule", end: "End a rule" } as const;

export function RuleEditorCard({ intent, intentKey, defaultEffectiveFrom, onClose }: { intent: EditorIntent; intentKey: number; defaultEffectiveFrom: string; onClose: () => void }) {
  const rules = useOwnershipRules();
  const ref = useRef<HTMLDivElement>(null);
  // A prefilled editor (from a tag value or a rule's Edit) comes into view.
  useEffect(() => {
    if (intentKey > 0) ref.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [intentKey]);
  const note =
    intent.mode === "end"
      ? "The rule stops deciding from the day you choose; days before keep it."
      : "New rules are tried before the ownership file's. Preview the change, then apply it: past days from its date are re-attributed.";
  return (
    <div ref={ref} className="editor-anchor">
      <Card title={titles[intent.mode]} note={note} testId="rule-editor-card" className="card-editor" actions={intent.mode !== "create" || intent.match ? <button type="button" className="button-link" onClick={onClose}>Cancel</button> : null}>
        {rules.isPending ? (
          <Loading height={200} />
        ) : (
          <RuleEditorForm key={intentKey} intent={intent} defaults={{ priority: freePriority(rules.data?.rules ?? []), effectiveFrom: defaultEffectiveFrom }} onDone={onClose} />
        )}
      </Card>
    </div>
  );
}

function RuleEditorForm({ intent, defaults, onDone }: { intent: EditorIntent; defaults: { priority: number; effectiveFrom: string }; onDone: () => void }) {
  const [measure] = useMeasure();
  const teams = useTeams({ measure });
  const [draft, setDraft] = useState<RuleDraft>(() => draftFor(intent, defaults));
  const [actor, setActor] = useActor();
  const open = useSession().mode === "open";
  const [applied, setApplied] = useState<string | null>(null);
  const preview = usePreviewChange();
  const apply = useApplyChange();
  const change = pendingChange(intent, draft);
  const changeKey = JSON.stringify(change);
  // A preview holds only for the exact change it was made for.
  const previewed = preview.isSuccess && JSON.stringify(preview.variables.change) === changeKey ? preview.data : null;
  const error = (apply.isError ? apply.error : null) ?? (preview.isError && JSON.stringify(preview.variables.change) === changeKey ? preview.error : null);
  const errorField = error ? fieldOfError(error.message) : null;

  const teamOptions = (teams.data?.teams ?? []).filter((team) => team.id !== UNATTRIBUTED_TEAM_ID);
  const teamName = (id: string) => (id === UNATTRIBUTED_TEAM_ID ? "No owner (unattributed)" : (teams.data?.teams.find((team) => team.id === id)?.name ?? id));
  const kind = RULE_KINDS.find((k) => k.value === draft.kind)!;
  const set = (field: DraftField) => (value: string) => {
    setApplied(null);
    apply.reset();
    setDraft((current) => ({ ...current, [field]: value }));
  };

  if (applied) {
    return (
      <div className="editor-done" data-testid="rule-applied">
        <p className="all-good">{applied}</p>
        <button type="button" className="button" onClick={onDone}>Add another rule</button>
      </div>
    );
  }

  return (
    <form
      className="rule-form"
      data-testid="rule-form"
      onSubmit={(event) => {
        event.preventDefault();
        apply.reset();
        preview.mutate({ change, actor });
      }}
    >
      {intent.mode === "end" ? (
        <div className="rule-summary">
          <span className="pill pill-accent">{ruleKindLabel(intent.rule.kind)}</span> <span className="mono">{intent.rule.match}</span> → <strong>{intent.rule.teamName}</strong>
          <span className="muted"> · priority {intent.rule.priority}</span>
        </div>
      ) : (
        <>
          <Field label="Kind" field="kind" errorField={errorField}>
            <select value={draft.kind} onChange={(e) => set("kind")(e.target.value as RuleKind)} data-testid="rule-kind">
              {RULE_KINDS.map((k) => (
                <option key={k.value} value={k.value}>{k.label}</option>
              ))}
            </select>
          </Field>
          <Field label="Team" field="teamId" errorField={errorField}>
            <select value={draft.teamId} onChange={(e) => set("teamId")(e.target.value)} data-testid="rule-team" required disabled={teams.isPending}>
              <option value="">{teams.isPending ? "Loading teams…" : teams.isError ? "Could not load teams" : "Choose a team"}</option>
              {teamGroups(teamOptions).map(([group, members]) => (
                <optgroup key={group} label={group}>
                  {members.map((team) => (
                    <option key={team.id} value={team.id}>{team.name}</option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <Field label={kind.matchLabel} field="match" errorField={errorField}>
            <input type="text" value={draft.match} placeholder={kind.placeholder} onChange={(e) => set("match")(e.target.value)} data-testid="rule-match" required />
          </Field>
          <Field label="Priority" hint="1–999" field="priority" errorField={errorField}>
            <input type="number" min={1} max={999} step={1} value={draft.priority} onChange={(e) => set("priority")(e.target.value)} data-testid="rule-priority" />
          </Field>
        </>
      )}
      <Field label={intent.mode === "end" ? "No longer decides from" : "Effective from"} field="effectiveFrom" errorField={errorField}>
        <input type="date" value={draft.effectiveFrom} onChange={(e) => set("effectiveFrom")(e.target.value)} data-testid="rule-effective-from" required />
      </Field>
      {open ? (
        <Field label="Your name" hint="for the audit" field={null} errorField={errorField}>
          <input type="text" value={actor} placeholder="dashboard" onChange={(e) => setActor(e.target.value)} data-testid="rule-actor" />
        </Field>
      ) : null}

      {error ? (
        <div className="form-error" role="alert" data-testid="rule-form-error">
          {error.message}
        </div>
      ) : null}

      <div className="form-actions">
        <button type="submit" className="button" disabled={preview.isPending || apply.isPending} data-testid="preview-change">
          {preview.isPending ? "Previewing…" : previewed ? "Preview again" : "Preview change"}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!previewed || apply.isPending}
          title={previewed ? undefined : "Preview the change first"}
          data-testid="apply-change"
          onClick={() =>
            apply.mutate(
              { change, actor },
              { onSuccess: () => setApplied(appliedMessage(intent, draft, teamName(draft.teamId))) },
            )
          }
        >
          {apply.isPending ? "Applying and re-attributing…" : intent.mode === "end" ? "End rule" : intent.mode === "update" ? "Apply change" : "Apply rule"}
        </button>
      </div>

      {preview.isPending ? <Loading label="Re-attributing in a dry run…" height={80} /> : previewed ? <PreviewMoves preview={previewed} teamName={teamName} /> : null}
    </form>
  );
}

/** Teams under their group, groups in name order, for the team select. */
function teamGroups(teams: readonly TeamRow[]): [string, TeamRow[]][] {
  const groups = new Map<string, TeamRow[]>();
  for (const team of [...teams].sort((a, b) => a.name.localeCompare(b.name))) {
    const group = team.groupName ?? "No group";
    groups.set(group, [...(groups.get(group) ?? []), team]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function appliedMessage(intent: EditorIntent, draft: RuleDraft, team: string) {
  const from = formatDay(draft.effectiveFrom);
  if (intent.mode === "end") return `Rule ${intent.rule.id} no longer decides from ${from}; the days since are re-attributed.`;
  const what = `${ruleKindLabel(draft.kind)} “${draft.match}” → ${team}`;
  return intent.mode === "update" ? `Changed: ${what} from ${from}.` : `Added: ${what} from ${from}.`;
}

function Field({ label, hint, field, errorField, children }: { label: string; hint?: string; field: DraftField | null; errorField: DraftField | null; children: ReactNode }) {
  const invalid = field !== null && field === errorField;
  return (
    <label className={`field ${invalid ? "field-invalid" : ""}`} data-field={field ?? undefined}>
      <span className="field-label">
        {label}
        {hint ? <span className="muted"> · {hint}</span> : null}
      </span>
      {children}
    </label>
  );
}
