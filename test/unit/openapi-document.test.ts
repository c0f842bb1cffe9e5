// The OpenAPI document is built from what routes register: validators give parameters and bodies,
// answers(...) / sends(...) / uploads(...) give answers and file bodies, the access policy the role.
import { Hono } from "hono";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../api/openapi/build-document";
import { validate } from "../../api/validate";
import { answers, sends, uploads } from "../../api/answers";
import { timestamp } from "../../api/responses/common";

const app = new Hono()
  .get("/things/:id", validate("param", z.object({ id: z.coerce.number().int().positive() })), validate("query", z.object({ full: z.enum(["true", "false"]).optional() })), answers(z.object({ id: z.number(), at: timestamp })), (c) =>
    c.var.answer({ id: c.req.valid("param").id, at: new Date(0) }),
  )
  .post("/things", validate("json", z.object({ name: z.string().min(1) })), answers(z.object({ created: z.literal(true) }), { status: 201, summary: "Create a thing" }), (c) => c.var.answer({ created: true as const }))
  .post("/things/upload", uploads(["text/csv"], "a CSV file"), answers(z.object({ rows: z.number() })), (c) => c.var.answer({ rows: 1 }))
  .get("/things/export", sends("text/csv"), (c) => c.body("a,b\n"))
  .get("/bare", (c) => c.text("no contract yet"));
const document = buildOpenApiDocument(app.routes, "/api", "0.0.0") as any;

describe("the OpenAPI document of a small app", () => {
  it("lists every method and path, with {params}, and a unique operationId each", () => {
    expect(Object.keys(document.paths).sort()).toEqual(["/api/bare", "/api/things", "/api/things/export", "/api/things/upload", "/api/things/{id}"]);
    expect(document.paths["/api/things/{id}"].get.operationId).toBe("getThingsById");
  });

  it("takes path and query parameters from the validators, as a client sends them", () => {
    expect(document.paths["/api/things/{id}"].get.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "integer", exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
      { name: "full", in: "query", required: false, schema: { type: "string", enum: ["true", "false"] } },
    ]);
  });

  it("documents JSON bodies, uploads, JSON answers with their status, and downloads", () => {
    const post = document.paths["/api/things"].post;
    expect(post.requestBody.content["application/json"].schema).toMatchObject({ type: "object", required: ["name"] });
    expect(Object.keys(post.responses)).toEqual(["201", "default"]);
    expect(post.summary).toBe("Create a thing");
    expect(Object.keys(document.paths["/api/things/upload"].post.requestBody.content)).toEqual(["multipart/form-data", "text/csv"]);
    expect(document.paths["/api/things/export"].get.responses["200"].content).toEqual({ "text/csv": { schema: { type: "string" } } });
  });

  it("writes a Date-or-string moment as an ISO string, and gives every operation the one Error answer", () => {
    const schema = document.paths["/api/things/{id}"].get.responses["200"].content["application/json"].schema;
    expect(schema.properties.at).toEqual({ type: "string", format: "date-time" });
    expect(schema.additionalProperties).toBe(false);
    expect(document.paths["/api/bare"].get.responses).toEqual({ default: { $ref: "#/components/responses/Error" } });
    expect(document.components.schemas.Error.properties.error.properties.code.enum).toContain("NOT_FOUND");
  });

  it("says which role each operation needs, from the access policy", () => {
    expect(document.paths["/api/things/{id}"].get["x-required-role"]).toBe("viewer");
    expect(document.paths["/api/things"].post["x-required-role"]).toBe("admin");
  });
});
