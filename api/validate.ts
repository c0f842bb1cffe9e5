// zod validation for route inputs; a failure becomes BAD_REQUEST naming the field.
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors";

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new ApiError("BAD_REQUEST", `${target} field "${issue.path.join(".") || "(root)"}": ${issue.message}`);
    }
  });
}
