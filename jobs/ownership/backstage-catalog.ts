// A Backstage catalog as ownership rules. Entities (Component, Resource, System) name AWS spend
// through annotations and their team through spec.owner (an annotated Group is itself the team);
// Groups are also checked as a hierarchy.
// Validation is whole-catalog: the first problem rejects it, naming file, line, entity and field.
import { isValidResourcePattern } from "./resource-pattern";
import {
  entityError,
  entityRefText,
  parseEntityRef,
  readCatalogEntities,
  type CatalogEntity,
  type CatalogText,
  type FieldPath,
} from "./backstage-entities";

export { BackstageCatalogError, type CatalogText } from "./backstage-entities";

/** Annotation -> rule kind. Values may list several, comma-separated. */
export const BACKSTAGE_ANNOTATIONS = {
  "tallyboard.io/aws-resource-pattern": "resource", // resource id / ARN globs (* and ?)
  "tallyboard.io/aws-tag-value": "tag", // owner-tag values (matched lower-cased and trimmed)
  "tallyboard.io/aws-service": "service", // Cost Explorer SERVICE names
  "tallyboard.io/aws-account-id": "account", // 12-digit AWS account ids
  "tallyboard.io/kubernetes-namespace": "namespace", // Kubernetes namespaces (ECS services), in every cluster (docs/clusters.md)
} as const;
type Annotation = keyof typeof BACKSTAGE_ANNOTATIONS;
export type CatalogRuleKind = (typeof BACKSTAGE_ANNOTATIONS)[Annotation];

export interface CatalogRule {
  kind: CatalogRuleKind;
  value: string; // tag values lower-cased; the rest as written
  teamId: string;
  origin: { fileName: string; line: number; entity: string; field: string };
}

export interface BackstageCatalog {
  entities: CatalogEntity[];
  rules: CatalogRule[]; // in catalog order: files, documents, annotations, values
}

const describeRule: Record<CatalogRuleKind, string> = { resource: "resource pattern", tag: "tag value", service: "service", account: "account", namespace: "Kubernetes namespace" };

/** `teams`: ids of the Tallyboard teams (kind 'team') an owner may name. */
export function parseBackstageCatalogs(catalogs: CatalogText[], options: { teams: ReadonlySet<string> }): BackstageCatalog {
  const entities = catalogs.flatMap(readCatalogEntities);
  const byRef = new Map<string, CatalogEntity>();
  for (const entity of entities) {
    const first = byRef.get(entity.ref);
    if (first) throw entityError(entity, ["metadata", "name"], `duplicate entity: ${entity.ref} is already defined in ${first.fileName} line ${first.line}`);
    byRef.set(entity.ref, entity);
  }
  checkGroupHierarchy(entities.filter((e) => e.kind === "Group"), byRef);

  const rules: CatalogRule[] = [];
  const claims = new Map<string, CatalogRule>(); // "tag:checkout-svc" -> the rule that claims it
  for (const entity of entities) {
    const annotations = Object.keys(entity.annotations).filter((key) => key.startsWith("tallyboard.io/"));
    if (annotations.length === 0) continue;
    const teamId = entity.kind === "Group" ? groupTeam(entity, options.teams) : ownerTeam(entity, byRef, options.teams);
    for (const key of annotations) {
      const field: FieldPath = ["metadata", "annotations", key];
      if (!(key in BACKSTAGE_ANNOTATIONS)) throw entityError(entity, field, `unknown annotation (known: ${Object.keys(BACKSTAGE_ANNOTATIONS).join(", ")})`);
      const kind = BACKSTAGE_ANNOTATIONS[key as Annotation];
      const values = entity.annotations[key]!.split(",").map((v) => v.trim()).filter((v) => v !== "");
      if (values.length === 0) throw entityError(entity, field, "is empty");
      for (const written of values) {
        const value = kind === "tag" ? written.toLowerCase() : written;
        const problem = valueProblem(kind, value);
        if (problem) throw entityError(entity, field, problem);
        const claimKey = `${kind}:${value}`;
        const other = claims.get(claimKey);
        if (other && other.teamId !== teamId) {
          throw entityError(entity, field, `${describeRule[kind]} "${value}" is already claimed by team "${other.teamId}" (${other.origin.entity}, ${other.origin.fileName} line ${other.origin.line}) (conflicting rules)`);
        }
        if (other) continue; // the same claim twice: one rule
        const rule: CatalogRule = { kind, value, teamId, origin: { fileName: entity.fileName, line: entity.lineOf(field), entity: entity.ref, field: field.join(".") } };
        claims.set(claimKey, rule);
        rules.push(rule);
      }
    }
  }
  return { entities, rules };
}

function valueProblem(kind: CatalogRuleKind, value: string): string | null {
  if (kind === "account" && !/^\d{12}$/.test(value)) return `"${value}" must be a 12-digit AWS account id`;
  if (kind === "resource" && !isValidResourcePattern(value)) return `invalid pattern "${value}" (a glob of printable characters, * and ?)`;
  return null;
}

/** An annotated Group claims for itself: its name is the team id. */
function groupTeam(group: CatalogEntity, teams: ReadonlySet<string>): string {
  if (!teams.has(group.name)) throw entityError(group, ["metadata", "name"], `unknown team "${group.name}" (an annotated group must be a Tallyboard team)`);
  return group.name;
}

/** spec.owner, else (Component, Resource) the owner of spec.system; it must name a Tallyboard team. */
function ownerTeam(entity: CatalogEntity, byRef: Map<string, CatalogEntity>, teams: ReadonlySet<string>): string {
  let owner: CatalogEntity = entity;
  if (!entity.spec.owner) {
    if (entity.kind === "System" || !entity.spec.system) throw entityError(entity, ["spec", "owner"], "missing: an entity with tallyboard.io annotations needs an owner (or a spec.system that has one)");
    const systemRef = parseEntityRef(entity.spec.system, { kind: "system", namespace: entity.namespace });
    if (!systemRef || systemRef.kind !== "system") throw entityError(entity, ["spec", "system"], `"${entity.spec.system}" is not a system reference`);
    const system = byRef.get(entityRefText(systemRef));
    if (!system) throw entityError(entity, ["spec", "system"], `unknown system "${entityRefText(systemRef)}" (its owner would be inherited)`);
    if (!system.spec.owner) throw entityError(system, ["spec", "owner"], `missing: ${entity.ref} inherits its owner from this system`);
    owner = system;
  }
  const ref = parseEntityRef(owner.spec.owner!, { kind: "group", namespace: owner.namespace });
  if (!ref) throw entityError(owner, ["spec", "owner"], `"${owner.spec.owner}" is not an entity reference`);
  if (ref.kind !== "group") throw entityError(owner, ["spec", "owner"], `"${owner.spec.owner}" must be a group (a Tallyboard team), not a ${ref.kind}`);
  if (!teams.has(ref.name)) throw entityError(owner, ["spec", "owner"], `unknown team "${ref.name}"${owner === entity ? "" : ` (inherited by ${entity.ref})`}`);
  return ref.name;
}

/** Parents come from spec.parent and spec.children; every group has at most one, and none is its own ancestor. */
function checkGroupHierarchy(groups: CatalogEntity[], byRef: Map<string, CatalogEntity>) {
  const parentOf = new Map<string, { parent: string; declaredBy: CatalogEntity; field: FieldPath }>();
  const resolve = (entity: CatalogEntity, field: FieldPath, text: string): string => {
    const ref = parseEntityRef(text, { kind: "group", namespace: entity.namespace });
    if (!ref || ref.kind !== "group") throw entityError(entity, field, `"${text}" is not a group reference`);
    const key = entityRefText(ref);
    if (!byRef.has(key)) throw entityError(entity, field, `unknown group "${key}"`);
    return key;
  };
  const setParent = (child: string, parent: string, declaredBy: CatalogEntity, field: FieldPath) => {
    const existing = parentOf.get(child);
    if (existing && existing.parent !== parent) {
      throw entityError(declaredBy, field, `${child} has two parents: ${existing.parent} (${existing.declaredBy.fileName} line ${existing.declaredBy.lineOf(existing.field)}) and ${parent}`);
    }
    if (!existing) parentOf.set(child, { parent, declaredBy, field });
  };
  for (const group of groups) {
    if (group.spec.parent) setParent(group.ref, resolve(group, ["spec", "parent"], group.spec.parent), group, ["spec", "parent"]);
    group.spec.children.forEach((child, index) => setParent(resolve(group, ["spec", "children", index], child), group.ref, group, ["spec", "children", index]));
  }
  for (const group of groups) {
    const path = [group.ref];
    for (let at = parentOf.get(group.ref); at; at = parentOf.get(at.parent)) {
      path.push(at.parent);
      if (at.parent === group.ref) {
        const edge = parentOf.get(group.ref)!;
        throw entityError(edge.declaredBy, edge.field, `cyclic hierarchy: ${path.join(" -> ")} (a group cannot be its own ancestor)`);
      }
      if (path.length > groups.length + 1) break; // a cycle above this group: reported from one of its members
    }
  }
}
