// GET /api/openapi.json: the API's contract, built from the routes' own zod schemas on first call
// (the routes do not change while the server runs). Public, like /api/health: it holds no data.
import { Hono } from "hono";
import type { RouterRoute } from "hono/types";
import { answers } from "../answers";
import { buildOpenApiDocument, type OpenApiDocument } from "../openapi/build-document";
import { openApiDocumentSchema } from "../responses/openapi";
import packageJson from "../../package.json";

/** `routes` is read at the first request, when every route of the API is registered. */
export function openApiRoutes(routes: () => RouterRoute[], base: string) {
  let document: OpenApiDocument | undefined;
  return new Hono().get("/", answers(openApiDocumentSchema, { summary: "This document: the API's OpenAPI 3.1 contract" }), (c) => c.var.answer((document ??= buildOpenApiDocument(routes(), base, packageJson.version))));
}
