// What each middleware of a route says about the route, for the OpenAPI document: the inputs a
// validator checks, the answer a route gives. Keyed by the middleware function itself, so the
// document is built from app.routes (which lists every handler) and nothing is declared twice.
import type { z } from "zod";

export type InputTarget = "json" | "query" | "param" | "header" | "cookie" | "form";

export type RouteDoc =
  | { kind: "input"; target: InputTarget; schema: z.ZodType }
  /** A JSON answer with this status, or a file (CSV, PDF, ...) in one of these content types; `summary` says what the route does. */
  | { kind: "answer"; status: number; schema: z.ZodType; description: string; summary?: string }
  | { kind: "file"; status: number; contentTypes: readonly string[]; description: string; summary?: string }
  /** A body that is not JSON: an upload as multipart "file" and/or as the raw body. */
  | { kind: "upload"; contentTypes: readonly string[]; description: string };

const docs = new WeakMap<object, RouteDoc>();

export function describeRoute<H extends object>(handler: H, doc: RouteDoc): H {
  docs.set(handler, doc);
  return handler;
}

export const routeDocOf = (handler: object): RouteDoc | undefined => docs.get(handler);
