// The OpenAPI 3.1 document of the app, built from app.routes: every method + path a handler is
// registered for, with what its middlewares registered (route-docs.ts). Nothing is written by hand
// but the frame (info, security schemes and the one error shape).
import type { RouterRoute } from "hono/types";
import { COMPOSED_HANDLER } from "hono/utils/constants";
import { errorBodySchema } from "../errors";
import { SESSION_COOKIE } from "../auth/cookies";
import { compilePolicy, matchPolicy, POLICY } from "../auth/policy";
import { routeDocOf, type RouteDoc } from "./route-docs";
import { buildOperation, openApiPath } from "./operation";
import { toJsonSchema, type JsonSchema } from "./json-schema";

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

/** A handler a sub-app with its own error handler wrapped keeps the original under this key. */
const unwrap = (handler: object): object => (handler as Record<string, object>)[COMPOSED_HANDLER] ?? handler;

/** Method + path of every route the app answers (app.use middlewares are method ALL: not routes). */
export function routesOf(routes: RouterRoute[], base = ""): Map<string, { method: string; honoPath: string; docs: RouteDoc[] }> {
  const byKey = new Map<string, { method: string; honoPath: string; docs: RouteDoc[] }>();
  for (const route of routes) {
    if (!METHODS.has(route.method) || route.path.includes("*")) continue;
    const honoPath = `${base}${route.path}`.replace(/(.)\/$/, "$1");
    const key = `${route.method} ${honoPath}`;
    const entry = byKey.get(key) ?? { method: route.method, honoPath, docs: [] };
    const doc = routeDocOf(unwrap(route.handler));
    if (doc) entry.docs.push(doc);
    byKey.set(key, entry);
  }
  return byKey;
}

export function buildOpenApiDocument(routes: RouterRoute[], base: string, version: string) {
  const policy = compilePolicy(POLICY);
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const { method, honoPath, docs } of routesOf(routes, base).values()) {
    const { need } = matchPolicy(policy, method, honoPath);
    (paths[openApiPath(honoPath)] ??= {})[method.toLowerCase()] = buildOperation({ method, honoPath, docs, need }, components);
  }
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "Tallyboard API",
      version,
      description: "Cloud cost attribution and efficiency. Money is a decimal string, days YYYY-MM-DD, months YYYY-MM. Every error answers the Error shape.",
    },
    security: [{ bearerToken: [] }, { session: [] }],
    paths,
    components: {
      schemas: { Error: toJsonSchema(errorBodySchema, "output", components, "Error_"), ...components },
      responses: { Error: { description: "An error: its code, a message naming the field or cause, and the request id", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } },
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "An API token (tbt_...) from POST /api/tokens or the Access page" },
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The dashboard's sign-in session (changes also need the x-csrf-token header)" },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
