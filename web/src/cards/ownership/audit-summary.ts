// A compact reading of an audit entry's before/after JSON: the fields a person checks, nothing else.
import type { AuditEntry } from "../../api/use-ownership-audit";

type Json = AuditEntry["before"];

const ACTIONS: Record<string, string> = {
  "rule.create": "Added rule",
  "rule.update": "Changed rule",
  "rule.delete": "Ended rule",
  "ownership-file.apply": "Applied ownership file",
};

export const auditActionLabel = (action: string) => ACTIONS[action] ?? action;

/** Bookkeeping columns that say nothing about who owns what. */
const SKIPPED = new Set(["createdAt", "resourceRegex", "versionId", "source"]);
const MATCH_KEYS = ["tagValue", "accountId", "service", "resourcePattern"];

export interface AuditFact {
  key: string;
  value: string;
}

export function auditFacts(value: Json): AuditFact[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value === null ? [] : [{ key: "value", value: String(value) }];
  const record = value as Record<string, Json>;
  const facts: AuditFact[] = [];
  for (const [key, field] of Object.entries(record)) {
    if (SKIPPED.has(key) || field === null || field === undefined) continue;
    const name = MATCH_KEYS.includes(key) ? "match" : key;
    facts.push({ key: name, value: typeof field === "object" ? JSON.stringify(field) : String(field) });
  }
  return facts;
}

/** For a change, only what differs; otherwise every fact. */
export function auditChange(entry: Pick<AuditEntry, "before" | "after">): { before: AuditFact[]; after: AuditFact[] } {
  const before = auditFacts(entry.before);
  const after = auditFacts(entry.after);
  if (before.length === 0 || after.length === 0) return { before, after };
  const beforeByKey = new Map(before.map((fact) => [fact.key, fact.value]));
  const afterByKey = new Map(after.map((fact) => [fact.key, fact.value]));
  return {
    before: before.filter((fact) => fact.key === "id" || afterByKey.get(fact.key) !== fact.value),
    after: after.filter((fact) => fact.key !== "id" && beforeByKey.get(fact.key) !== fact.value),
  };
}
