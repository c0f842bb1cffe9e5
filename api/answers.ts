// A route's answer, declared once: `answers(schema)` in front of the handler registers the zod
// schema for the OpenAPI document, and `c.var.answer(value)` only type-checks when the value fits
// that schema, so a route cannot answer something its contract does not say. The value goes out as
// it is (no runtime parse: the contract test checks real answers against the served document).
// `sends(...)` and `uploads(...)` document answers and bodies that are not JSON (CSV, PDF, files).
import type { TypedResponse } from "hono";
import { createMiddleware } from "hono/factory";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { JSONParsed } from "hono/utils/types";
import type { z } from "zod";
import { describeRoute } from "./openapi/route-docs";

type Answer<S extends z.ZodType, U extends ContentfulStatusCode> = <T extends z.input<S>>(value: T) => Response & TypedResponse<JSONParsed<T>, U, "json">;

/** `summary`: what the route does, in a line, for the document. */
export function answers<S extends z.ZodType, U extends ContentfulStatusCode = 200>(schema: S, options: { status?: U; summary?: string; description?: string } = {}) {
  const status = (options.status ?? 200) as U;
  const middleware = createMiddleware<{ Variables: { answer: Answer<S, U> } }>(async (c, next) => {
    c.set("answer", ((value: unknown) => c.json(value as object, status)) as Answer<S, U>);
    await next();
  });
  return describeRoute(middleware, { kind: "answer", status, schema, summary: options.summary, description: options.description ?? (status === 201 ? "Created" : "The answer") });
}

/** A download: the route answers a file in one of these content types (CSV, PDF, HTML, Markdown). */
export function sends(contentTypes: string | readonly string[], options: { summary?: string; description?: string } = {}) {
  const middleware = createMiddleware(async (_c, next) => {
    await next();
  });
  const types = typeof contentTypes === "string" ? [contentTypes] : contentTypes;
  return describeRoute(middleware, { kind: "file", status: 200, contentTypes: types, summary: options.summary, description: options.description ?? "The file, as an attachment" });
}

/** A file upload: a multipart/form-data "file" field or the raw body in one of these content types. */
export function uploads(contentTypes: readonly string[], description: string) {
  const middleware = createMiddleware(async (_c, next) => {
    await next();
  });
  return describeRoute(middleware, { kind: "upload", contentTypes, description });
}
