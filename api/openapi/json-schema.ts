// zod -> JSON Schema 2020-12 (what OpenAPI 3.1 uses) with zod 4's own converter. Two additions:
// a Date goes out as an ISO string (c.json calls toJSON), and definitions zod hoists into $defs
// (recursive schemas) move to the document's components under a unique name.
import { z } from "zod";

export type JsonSchema = { [key: string]: unknown };

const wireForms = new WeakMap<object, JsonSchema>();

/** A schema whose JSON form is not what zod would write (a Date-or-string that goes out as a string). */
export function onTheWire<S extends z.ZodType>(schema: S, json: JsonSchema): S {
  wireForms.set(schema, json);
  return schema;
}

function isDate(schema: unknown): boolean {
  return (schema as { _zod?: { def?: { type?: string } } })._zod?.def?.type === "date";
}

/** Rewrites `#/$defs/x` references to `#/components/schemas/<prefix>x`. */
function relink(value: unknown, prefix: string): unknown {
  if (Array.isArray(value)) return value.map((item) => relink(item, prefix));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      key === "$ref" && typeof item === "string" && item.startsWith("#/$defs/") ? [key, `#/components/schemas/${prefix}${item.slice("#/$defs/".length)}`] : [key, relink(item, prefix)],
    ),
  );
}

/**
 * The JSON Schema of `schema` as sent ("input": what a client sends, before coercion and defaults)
 * or as answered ("output"). Definitions go into `components` under `prefix`.
 */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>, prefix: string): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: (ctx) => {
      const wire = wireForms.get(ctx.zodSchema);
      if (wire) {
        for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
        Object.assign(ctx.jsonSchema, wire);
      } else if (isDate(ctx.zodSchema)) Object.assign(ctx.jsonSchema, { type: "string", format: "date-time" });
    },
  }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = json;
  for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) components[`${prefix}${name}`] = relink(definition, prefix) as JsonSchema;
  return relink(rest, prefix) as JsonSchema;
}
