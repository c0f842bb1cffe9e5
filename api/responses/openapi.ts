// The answer of GET /api/openapi.json, as far as a client relies on it (the rest is OpenAPI 3.1).
import { z } from "zod";
import { jsonObject } from "./common";

export const openApiDocumentSchema = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), jsonObject)),
  components: z.looseObject({ schemas: z.record(z.string(), jsonObject) }),
});
