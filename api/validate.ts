// zod validation for route inputs; a failure becomes BAD_REQUEST naming the field.
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors";
import { describeRoute, type InputTarget } from "./openapi/route-docs";

/** The schema is also registered for the OpenAPI document (openapi/route-docs.ts). */
export function validate<Target extends keyof ValidationTargets & InputTarget, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new ApiError("BAD_REQUEST", `${target} field "${issue.path.join(".") || "(root)"}": ${issue.message}`);
    }
    const path = pathToNul(result.data);
    if (path) throw new ApiError("BAD_REQUEST", `${target} field "${path.join(".") || "(root)"}": must not contain a NUL character`);
  });
  return describeRoute(validator, { kind: "input", target, schema });
}

/** Where a NUL character hides in a validated input (PostgreSQL text cannot hold one), or null. */
export function pathToNul(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = pathToNul(item, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const found = pathToNul(item, [...path, key]) ?? (key.includes("\u0000") ? [...path, key] : null);
      if (found) return found;
    }
  }
  return null;
}
