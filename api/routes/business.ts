// /api/business: business inputs. POST /:kind pushes JSON rows ({rows: [...]}, the CSV's column
// names), POST /:kind/csv uploads a CSV file (raw body or multipart "file"), GET /:kind/export
// downloads the table as CSV. Upserts by natural key; a bad row writes nothing and is named.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { Db } from "../../db/client";
import { getBusinessTableForExport } from "../../db/queries/business-inputs";
import { BUSINESS_KINDS, allColumns } from "../../jobs/business/business-kinds";
import { importBusinessCsv, pushBusinessRows } from "../../jobs/business/business-import";
import { ImportError } from "../../jobs/imports/import-error";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers, sends, uploads } from "../answers";
import { businessUploadAnswer } from "../responses/business";
import { csvResponse } from "../csv-response";

const MAX_BYTES = 32 * 1024 * 1024;
const kindParam = z.object({ kind: z.enum(BUSINESS_KINDS) });
const pushBody = z.object({ rows: z.array(z.record(z.string(), z.unknown())).min(1).max(50_000) });
const uploadQuery = z.object({ fileName: z.string().min(1).max(300).optional() });
const limit = bodyLimit({ maxSize: MAX_BYTES, onError: () => { throw new ApiError("PAYLOAD_TOO_LARGE", `business uploads are limited to ${MAX_BYTES} bytes`); } });

/** An ImportError as the API's BAD_REQUEST; pushed rows are named as body fields (rows.3.count). */
function rejected(error: unknown): never {
  if (!(error instanceof ImportError)) throw error;
  if (error.file === "rows") throw new ApiError("BAD_REQUEST", `body field "rows.${error.line}${error.column ? `.${error.column}` : ""}": ${error.problem}`);
  throw new ApiError("BAD_REQUEST", error.message);
}

export const businessRoutes = (db: Db) =>
  new Hono()
    .post("/:kind", limit, validate("param", kindParam), validate("json", pushBody), answers(businessUploadAnswer, { summary: "Push business input rows as JSON (the CSV's column names): upserted by natural key" }), async (c) => {
      const result = await pushBusinessRows(db, c.req.valid("param").kind, c.req.valid("json").rows).catch(rejected);
      return c.var.answer(result);
    })
    .post("/:kind/csv", limit, validate("param", kindParam), validate("query", uploadQuery), uploads(["text/csv"], "The CSV file: a multipart \"file\" field or the raw body"), answers(businessUploadAnswer, { summary: "Upload business inputs as a CSV file: upserted by natural key, all rows or none" }), async (c) => {
      const { kind } = c.req.valid("param");
      const upload = await readCsvUpload(c.req.raw, c.req.valid("query").fileName ?? `${kind}.csv`);
      const result = await importBusinessCsv(db, kind, upload.name, upload.bytes).catch(rejected);
      return c.var.answer(result);
    })
    .get("/:kind/export", validate("param", kindParam), sends("text/csv", { summary: "A business input table as CSV" }), async (c) => {
      const { kind } = c.req.valid("param");
      return csvResponse(c, `${kind}.csv`, { columns: allColumns[kind], rows: await getBusinessTableForExport(db, kind) });
    });

async function readCsvUpload(request: Request, fallbackName: string): Promise<{ name: string; bytes: Buffer }> {
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const file = (await request.formData()).get("file");
    if (!(file instanceof Blob)) throw new ApiError("BAD_REQUEST", 'multipart uploads need a "file" field');
    return { name: file instanceof File && file.name ? file.name : fallbackName, bytes: Buffer.from(await file.arrayBuffer()) };
  }
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length === 0) throw new ApiError("BAD_REQUEST", "the request body is empty");
  return { name: fallbackName, bytes };
}
