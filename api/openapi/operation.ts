// One OpenAPI operation from what a route's middlewares registered (route-docs.ts): parameters
// from the param/query validators, the body from the json validator or an upload, the answers,
// and the one error shape for everything else.
import type { RouteDoc } from "./route-docs";
import { toJsonSchema, type JsonSchema } from "./json-schema";

export const ERROR_RESPONSE = { $ref: "#/components/responses/Error" };
const BINARY = { type: "string", format: "binary" };

/** "/api/teams/:teamId" -> "/api/teams/{teamId}" */
export const openApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}");

/** GET /api/budgets/months/:month/teams/:teamId -> getBudgetsMonthsByMonthTeamsByTeamId */
export function operationIdOf(method: string, honoPath: string): string {
  const words = honoPath
    .replace(/^\/api/, "")
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) => (part.startsWith(":") ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split("-"));
  return method.toLowerCase() + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
}

function parametersOf(docs: RouteDoc[], honoPath: string, components: Record<string, JsonSchema>, prefix: string) {
  const parameters: JsonSchema[] = [];
  for (const doc of docs) {
    if (doc.kind !== "input" || (doc.target !== "param" && doc.target !== "query")) continue;
    const json = toJsonSchema(doc.schema, "input", components, prefix);
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((json.properties ?? {}) as Record<string, JsonSchema>)) {
      const where = doc.target === "param" ? "path" : "query";
      const { description, ...rest } = schema;
      parameters.push({ name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  // A path parameter no validator describes is still part of the path.
  for (const [, name] of honoPath.matchAll(/:([A-Za-z0-9_]+)/g)) {
    if (!parameters.some((p) => p.in === "path" && p.name === name)) parameters.push({ name, in: "path", required: true, schema: { type: "string" } });
  }
  return parameters;
}

function requestBodyOf(docs: RouteDoc[], components: Record<string, JsonSchema>, prefix: string): JsonSchema | undefined {
  const json = docs.find((doc) => doc.kind === "input" && doc.target === "json");
  if (json?.kind === "input") return { required: true, content: { "application/json": { schema: toJsonSchema(json.schema, "input", components, prefix) } } };
  const upload = docs.find((doc) => doc.kind === "upload");
  if (upload?.kind !== "upload") return undefined;
  const content: JsonSchema = { "multipart/form-data": { schema: { type: "object", properties: { file: BINARY }, required: ["file"] } } };
  for (const type of upload.contentTypes) content[type] = { schema: BINARY };
  return { required: true, description: upload.description, content };
}

function responsesOf(docs: RouteDoc[], components: Record<string, JsonSchema>, prefix: string): JsonSchema {
  const responses: JsonSchema = {};
  for (const doc of docs) {
    if (doc.kind === "answer") responses[String(doc.status)] = { description: doc.description, content: { "application/json": { schema: toJsonSchema(doc.schema, "output", components, prefix) } } };
    if (doc.kind === "file")
      responses[String(doc.status)] = { description: doc.description, content: Object.fromEntries(doc.contentTypes.map((type) => [type, { schema: type.startsWith("text/") ? { type: "string" } : BINARY }])) };
  }
  responses.default = ERROR_RESPONSE;
  return responses;
}

export interface OperationInput {
  method: string;
  honoPath: string;
  docs: RouteDoc[];
  /** The role the access policy asks for (auth/policy.ts): "public" needs no credentials. */
  need: string;
}

export function buildOperation({ method, honoPath, docs, need }: OperationInput, components: Record<string, JsonSchema>): JsonSchema {
  const operationId = operationIdOf(method, honoPath);
  const prefix = `${operationId}_`;
  const tag = honoPath.replace(/^\/api\//, "").split("/")[0]!;
  const parameters = parametersOf(docs, honoPath, components, prefix);
  const requestBody = requestBodyOf(docs, components, prefix);
  const summary = docs.map((doc) => ("summary" in doc ? doc.summary : undefined)).find(Boolean);
  return {
    operationId,
    ...(summary ? { summary } : {}),
    tags: [tag],
    description: need === "public" ? "Open to anyone, signed in or not." : `Needs the ${need} role (or higher).`,
    "x-required-role": need,
    ...(need === "public" ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: responsesOf(docs, components, prefix),
  };
}
