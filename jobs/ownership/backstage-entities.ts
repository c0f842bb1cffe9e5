// Reads Backstage catalog-info.yaml texts (multi-document YAML) into the entities an import uses:
// Component, Resource, System and Group of apiVersion backstage.io/v1alpha1; other kinds are
// skipped. Every entity keeps its file and a way to find the line of any of its fields, so each
// rejection can say exactly where the broken metadata is.
import { parseAllDocuments, LineCounter, isMap, isNode, isScalar, isSeq, type Document } from "yaml";
import { z } from "zod";

export const BACKSTAGE_API_VERSION = "backstage.io/v1alpha1";
const ENTITY_KINDS = ["Component", "Resource", "System", "Group"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface CatalogText {
  fileName: string;
  text: string;
}

export type FieldPath = (string | number)[];

/** Broken metadata is BAD_REQUEST; a rule that contradicts another source's rule is CONFLICT. */
export class BackstageCatalogError extends Error {
  constructor(
    readonly code: "BAD_REQUEST" | "CONFLICT",
    message: string,
  ) {
    super(message);
  }
}

export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

export interface CatalogEntity {
  kind: EntityKind;
  namespace: string;
  name: string;
  ref: string; // "component:default/checkout-api", Backstage's own spelling, lower-cased
  annotations: Record<string, string>;
  spec: { owner?: string; system?: string; parent?: string; children: string[] };
  fileName: string;
  line: number; // of metadata.name
  lineOf(path: FieldPath): number;
}

// Backstage's name rule: letters and digits, single separators between them, at most 63 characters.
const entityName = z
  .string({ error: "must be a string" })
  .max(63, "must be at most 63 characters")
  .regex(/^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$/, "must be letters and digits separated by single -, _ or .");
const ref = z.string({ error: "must be an entity reference string" }).min(1, "must not be empty");
const entitySchema = z.object({
  apiVersion: z.literal(BACKSTAGE_API_VERSION, { error: `must be ${BACKSTAGE_API_VERSION}` }),
  metadata: z.object(
    {
      name: entityName,
      namespace: entityName.optional(),
      annotations: z.record(z.string(), z.string({ error: "must be a string (quote it)" })).default({}),
    },
    { error: "must be a mapping" },
  ),
  spec: z
    .object({ owner: ref.optional(), system: ref.optional(), parent: ref.optional(), children: z.array(ref, { error: "must be a list" }).default([]) })
    .default({ children: [] }),
});

export function entityRefText(ref: EntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`;
}

/** `[kind:][namespace/]name`, as Backstage writes references; null when it is not one. */
export function parseEntityRef(text: string, defaults: { kind: string; namespace: string }): EntityRef | null {
  const match = /^(?:([^:/\s]+):)?(?:([^:/\s]+)\/)?([^:/\s]+)$/.exec(text.trim());
  if (!match) return null;
  return { kind: (match[1] ?? defaults.kind).toLowerCase(), namespace: (match[2] ?? defaults.namespace).toLowerCase(), name: match[3]!.toLowerCase() };
}

/** "file line N, entity component:default/x, field spec.owner: message" */
export function entityError(entity: Pick<CatalogEntity, "fileName" | "ref" | "lineOf">, path: FieldPath, message: string, code: "BAD_REQUEST" | "CONFLICT" = "BAD_REQUEST") {
  return new BackstageCatalogError(code, `${entity.fileName} line ${entity.lineOf(path)}, entity ${entity.ref}, field ${path.join(".")}: ${message}`);
}

export function readCatalogEntities(catalog: CatalogText): CatalogEntity[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(catalog.text, { lineCounter });
  const entities: CatalogEntity[] = [];
  documents.forEach((document, index) => {
    const lineOf = (path: FieldPath) => fieldLine(document, lineCounter, path);
    if (document.errors.length > 0) {
      const error = document.errors[0]!;
      throw new BackstageCatalogError("BAD_REQUEST", `${catalog.fileName} line ${error.linePos?.[0].line ?? "?"}: ${error.message.split("\n")[0]}`);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return; // an empty document, e.g. after a trailing ---
    const where = { fileName: catalog.fileName, ref: `document ${index + 1}`, lineOf };
    if (typeof value !== "object" || Array.isArray(value)) throw entityError(where, [], "is not a mapping (a Backstage entity)");
    const kind = (value as { kind?: unknown }).kind;
    if (typeof kind !== "string") throw entityError(where, ["kind"], "must be a string naming the entity kind");
    if (!(ENTITY_KINDS as readonly string[]).includes(kind)) return; // API, User, Domain, Location...: nothing to own

    const parsed = entitySchema.safeParse(value);
    const rawName = (value as { metadata?: { name?: unknown } }).metadata?.name;
    where.ref = `${kind.toLowerCase()}:${typeof rawName === "string" ? rawName.toLowerCase() : "(unnamed)"}`;
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw entityError(where, issue.path as FieldPath, issue.message);
    }
    const { metadata, spec } = parsed.data;
    const namespace = (metadata.namespace ?? "default").toLowerCase();
    const name = metadata.name.toLowerCase();
    entities.push({
      kind: kind as EntityKind,
      namespace,
      name,
      ref: entityRefText({ kind: kind.toLowerCase(), namespace, name }),
      annotations: metadata.annotations,
      spec,
      fileName: catalog.fileName,
      line: lineOf(["metadata", "name"]),
      lineOf,
    });
  });
  return entities;
}

/** The line of the field's key (or list item); of the nearest enclosing field that exists otherwise. */
function fieldLine(document: Document, lineCounter: LineCounter, path: FieldPath): number {
  const lineAt = (node: unknown) => (isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : null);
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? document.contents : document.getIn(path.slice(0, depth - 1), true);
    const key = path[depth - 1];
    const line = isMap(parent)
      ? lineAt(parent.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === key)?.key)
      : isSeq(parent) && typeof key === "number"
        ? lineAt(parent.items[key])
        : null;
    if (line !== null) return line;
  }
  return lineAt(document.contents) ?? 1;
}
