// The rule editor's form state, the change it asks the API for, and which field an API error names.
import type { OwnershipRule } from "../../api/use-ownership-rules";
import type { PendingChange, RuleInput } from "../../api/use-rule-changes";
import type { RuleKind } from "../../format/decided-by";

/** What the editor is doing: adding a rule (maybe prefilled), changing one, or ending one from a day. */
export type EditorIntent =
  | { mode: "create"; kind?: RuleKind; match?: string }
  | { mode: "update"; rule: OwnershipRule }
  | { mode: "end"; rule: OwnershipRule };

/** Form fields as typed; the API validates them (and says which one is wrong). */
export interface RuleDraft {
  kind: RuleKind;
  match: string;
  teamId: string;
  priority: string;
  effectiveFrom: string;
}

export type DraftField = keyof RuleDraft;

export function draftFor(intent: EditorIntent, defaults: { priority: number; effectiveFrom: string }): RuleDraft {
  if (intent.mode === "create") {
    return { kind: intent.kind ?? "tag", match: intent.match ?? "", teamId: "", priority: String(defaults.priority), effectiveFrom: defaults.effectiveFrom };
  }
  const { rule } = intent;
  return { kind: rule.kind, match: rule.match, teamId: rule.teamId, priority: String(rule.priority), effectiveFrom: defaults.effectiveFrom };
}

export function ruleInput(draft: RuleDraft): RuleInput {
  // Number("") is 0 and "1.5" stays fractional: the API rejects both with a message naming priority.
  const common = { teamId: draft.teamId, priority: draft.priority.trim() === "" ? 0 : Number(draft.priority), effectiveFrom: draft.effectiveFrom };
  switch (draft.kind) {
    case "tag":
      return { kind: "tag", tagValue: draft.match, ...common };
    case "account":
      return { kind: "account", accountId: draft.match.trim(), ...common };
    case "service":
      return { kind: "service", service: draft.match, ...common };
    case "resource":
      return { kind: "resource", resourcePattern: draft.match.trim(), ...common };
  }
}

export function pendingChange(intent: EditorIntent, draft: RuleDraft): PendingChange {
  if (intent.mode === "create") return { action: "create", rule: ruleInput(draft) };
  if (intent.mode === "update") return { action: "update", id: intent.rule.id, rule: ruleInput(draft) };
  return { action: "delete", id: intent.rule.id, effectiveFrom: draft.effectiveFrom };
}

const FIELD_ALIASES: Record<string, DraftField> = {
  kind: "kind",
  tagValue: "match",
  accountId: "match",
  service: "match",
  resourcePattern: "match",
  teamId: "teamId",
  priority: "priority",
  effectiveFrom: "effectiveFrom",
};

/** The API's messages read `json field "priority": …` or `body field "teamId": …` (api/validate.ts, rule-changes.ts). */
export function fieldOfError(message: string): DraftField | null {
  const named = /field "(?:[^".]*\.)*([^".]+)"/.exec(message)?.[1];
  return named ? (FIELD_ALIASES[named] ?? null) : null;
}

/** The smallest priority no rule in force holds: a free slot for a new override. */
export function freePriority(rules: readonly { priority: number }[]): number {
  const taken = new Set(rules.map((rule) => rule.priority));
  for (let priority = 1; priority <= 999; priority++) if (!taken.has(priority)) return priority;
  return 999;
}
