// One error type with a closed set of codes; every error body is {error: {code, message, requestId}}.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { logger } from "../jobs/logger";
import { describeError } from "../jobs/describe-error";

const statusByCode = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof statusByCode;
export const ERROR_CODES = Object.keys(statusByCode) as [ErrorCode, ...ErrorCode[]];

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The one error shape; the OpenAPI document has it as the Error component. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), requestId: z.string() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

const log = logger("api");

export function handleError(error: Error, c: Context) {
  const requestId = c.get("requestId" as never) as string;
  if (error instanceof ApiError) {
    return c.json<ErrorBody>({ error: { code: error.code, message: error.message, requestId } }, statusByCode[error.code]);
  }
  // Hono's own 4xx (malformed JSON from a validator, say) keep their status and message.
  if (error instanceof HTTPException && error.status < 500) {
    const code = ERROR_CODES.find((k) => statusByCode[k] === error.status) ?? "BAD_REQUEST";
    return c.json<ErrorBody>({ error: { code, message: error.message || "the request is malformed", requestId } }, statusByCode[code]);
  }
  log.error({ err: describeError(error), requestId }, "unhandled error");
  return c.json<ErrorBody>({ error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong; the request id is in the server log.", requestId } }, 500);
}

export function notFound(c: Context) {
  return handleError(new ApiError("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`), c);
}
