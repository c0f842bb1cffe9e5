// Imports a Backstage catalog as ownership rules of source "backstage", effective-dated like the
// ownership file's: unchanged rules keep their ids, removed ones close from the import's date.
// Catalog rules come after the file's (priorities 5000+), so the file wins wherever both match;
// a catalog rule that gives the very same match to another team than a rule of another source is
// refused, and with it the whole catalog. Run it through changeOwnership to re-attribute.
import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { clusterRules, ownershipAudit, ownershipRules, ownershipVersions, teams, UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { parseBackstageCatalogs, BackstageCatalogError, type CatalogRule, type CatalogText } from "./backstage-catalog";
import { resourcePatternRegex } from "./resource-pattern";
import type { RuleRow } from "./ownership-rows";
import { planRowChanges, hasChanges } from "./effective-dating";
import { clusterRuleKey, type ClusterRuleRow } from "./cluster-rule-rows";

export const BACKSTAGE_SOURCE = "backstage";
const FIRST_PRIORITY = { resource: 5000, tag: 6000, service: 7000, account: 8000 } as const;
const RULES_PER_KIND = 1000;
const NAMESPACE_PRIORITY = 3000; // cluster_rules (cluster-rule-rows.ts)
type RuleKind = keyof typeof FIRST_PRIORITY;

export interface BackstageImportOptions {
  actor: string;
  /** When the catalog takes effect; default: all history for the first import, else `today`. */
  effectiveFrom?: string;
  today: string;
}

export interface BackstageImportResult {
  versionId: number | null; // null when nothing changed
  entities: number;
  rules: number; // backstage rules in force after the import
  changes: { rulesOpened: number; rulesClosed: number; rulesUnchanged: number };
}

const ruleKey = (r: RuleRow) => JSON.stringify([r.priority, r.kind, r.tagValue ?? null, r.accountId ?? null, r.service ?? null, r.resourcePattern ?? null, r.teamId]);
const matchKey = (r: RuleRow) => `${r.kind}:${r.tagValue ?? r.accountId ?? r.service ?? r.resourcePattern}`;

export async function importBackstageCatalog(
  tx: DbOrTx,
  catalogs: CatalogText[],
  options: BackstageImportOptions,
): Promise<{ effectiveFrom: string | null; result: BackstageImportResult }> {
  const day = options.effectiveFrom;
  if (day !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))) {
    throw new BackstageCatalogError("BAD_REQUEST", `effectiveFrom "${options.effectiveFrom}" must be a day, YYYY-MM-DD`);
  }
  const teamRows = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.kind, "team"), ne(teams.id, UNATTRIBUTED_TEAM_ID)));
  const catalog = parseBackstageCatalogs(catalogs, { teams: new Set(teamRows.map((t) => t.id)) });
  // Namespace annotations are cluster rules (docs/clusters.md); the rest ownership rules.
  const ruleCatalog = ownershipRulesOf(catalog.rules);
  const rows = catalogRuleRows(ruleCatalog);

  const others = await tx.select().from(ownershipRules).where(and(ne(ownershipRules.source, BACKSTAGE_SOURCE), isNull(ownershipRules.validTo)));
  const otherByMatch = new Map(others.map((rule) => [matchKey(rule), rule]));
  ruleCatalog.forEach((rule, index) => {
    const other = otherByMatch.get(matchKey(rows[index]!));
    if (other && other.teamId !== rule.teamId) {
      const { fileName, line, entity, field } = rule.origin;
      throw new BackstageCatalogError(
        "CONFLICT",
        `${fileName} line ${line}, entity ${entity}, field ${field}: ${rule.kind} "${rule.value}" gives team "${rule.teamId}" what rule ${other.id} (${other.source}) gives team "${other.teamId}" (conflicting rules)`,
      );
    }
  });

  const current = await tx.select().from(ownershipRules).where(and(eq(ownershipRules.source, BACKSTAGE_SOURCE), isNull(ownershipRules.validTo)));
  const [imported] = await tx.select({ id: ownershipVersions.id }).from(ownershipVersions).where(eq(ownershipVersions.source, BACKSTAGE_SOURCE)).limit(1);
  const from = options.effectiveFrom ?? (imported ? options.today : "1970-01-01");
  const plan = planRowChanges(current, rows, ruleKey, ruleKey, from);
  const currentNamespaces = await tx.select().from(clusterRules).where(and(eq(clusterRules.source, BACKSTAGE_SOURCE), isNull(clusterRules.validTo)));
  const namespaces = planRowChanges(currentNamespaces, namespaceRows(catalog.rules), clusterRuleKey, clusterRuleKey, from);
  const changes = { rulesOpened: plan.open.length, rulesClosed: plan.close.length + plan.drop.length, rulesUnchanged: plan.unchanged };
  const result = { versionId: null as number | null, entities: catalog.entities.length, rules: rows.length, changes };
  if (!hasChanges(plan) && !hasChanges(namespaces)) return { effectiveFrom: null, result };

  const [version] = await tx
    .insert(ownershipVersions)
    .values({ source: BACKSTAGE_SOURCE, effectiveFrom: from, actor: options.actor, note: catalogs.map((c) => c.fileName).join(", ") })
    .returning({ id: ownershipVersions.id });
  const versionId = version!.id;
  if (plan.close.length) await tx.update(ownershipRules).set({ validTo: from }).where(inArray(ownershipRules.id, plan.close));
  if (plan.drop.length) await tx.delete(ownershipRules).where(inArray(ownershipRules.id, plan.drop));
  if (plan.open.length) await tx.insert(ownershipRules).values(plan.open.map((r) => ({ ...r, validFrom: from, source: BACKSTAGE_SOURCE, versionId })));
  if (namespaces.close.length) await tx.update(clusterRules).set({ validTo: from }).where(inArray(clusterRules.id, namespaces.close));
  if (namespaces.drop.length) await tx.delete(clusterRules).where(inArray(clusterRules.id, namespaces.drop));
  if (namespaces.open.length) await tx.insert(clusterRules).values(namespaces.open.map((r) => ({ ...r, validFrom: from, source: BACKSTAGE_SOURCE, versionId })));
  await tx.insert(ownershipAudit).values({
    actor: options.actor,
    action: "backstage.import",
    versionId,
    before: { rules: current.length },
    after: { rules: rows.length, effectiveFrom: from, entities: catalog.entities.length, ...changes },
  });
  return { effectiveFrom: from, result: { ...result, versionId } };
}

/** Namespace owners from `tallyboard.io/kubernetes-namespace`, in every cluster: after the file's namespaces, before cluster owners. */
function namespaceRows(rules: CatalogRule[]): ClusterRuleRow[] {
  return rules
    .filter((rule) => rule.kind === "namespace")
    .map((rule, i) => ({ kind: "namespace", cluster: null, namespace: rule.value, teamId: rule.teamId, idle: null, priority: NAMESPACE_PRIORITY + i }));
}

/** The ownership rules of a catalog's rules (namespace rules are cluster rules). */
const ownershipRulesOf = (rules: CatalogRule[]) => rules.filter((rule): rule is CatalogRule & { kind: RuleKind } => rule.kind !== "namespace");

/** Rule rows in catalog order, one priority band per kind, after every band of the ownership file. */
export function catalogRuleRows(catalogRules: CatalogRule[]): RuleRow[] {
  const next = { resource: 0, tag: 0, service: 0, account: 0 };
  return ownershipRulesOf(catalogRules).map((rule) => {
    const index = next[rule.kind]++;
    if (index >= RULES_PER_KIND) throw new BackstageCatalogError("BAD_REQUEST", `more than ${RULES_PER_KIND} ${rule.kind} rules in the catalog`);
    return {
      priority: FIRST_PRIORITY[rule.kind] + index,
      kind: rule.kind,
      teamId: rule.teamId,
      tagValue: rule.kind === "tag" ? rule.value : null,
      accountId: rule.kind === "account" ? rule.value : null,
      service: rule.kind === "service" ? rule.value : null,
      resourcePattern: rule.kind === "resource" ? rule.value : null,
      resourceRegex: rule.kind === "resource" ? resourcePatternRegex(rule.value) : null,
    };
  });
}
