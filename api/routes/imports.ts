// POST /api/imports: upload one CUR / CUR 2.0 / FOCUS file, as a multipart "file" field or as the raw
// body (?fileName=&format=). A bad row answers 400 naming file, line and column; past the limit, 413.
// GET /api/imports/:runId/quality (or latest): the data-quality report of an import run.
import { Readable } from "node:stream";
import { Hono } from "hono";
import { z } from "zod";
import type { Database } from "../../db/client";
import { FORMAT_OPTIONS, type FormatOption } from "../../jobs/imports/detect-format";
import { importFiles } from "../../jobs/imports/import-files";
import { IMPORT_LOCK } from "../../jobs/imports/import-lock";
import { withJobLock } from "../../jobs/sync/abandoned-runs";
import { ApiError } from "../errors";
import { checkDecompressedSize, type BodyLimits } from "../body-limits";
import { validate } from "../validate";
import { answers, uploads } from "../answers";
import { importedAnswer, importQualityAnswer } from "../responses/data";
import { getImportQuality } from "../../db/queries/import-quality";

const query = z.object({
  format: z.enum(FORMAT_OPTIONS as [FormatOption, ...FormatOption[]]).default("auto"),
  fileName: z.string().min(1).max(300).optional(),
});

/** Uploads are bounded as sent by the app (body-limits.ts) and, if gzip, decompressed here. */
export function importRoutes(database: Database, limits: Pick<BodyLimits, "decompressedBytes">, options: { resourcesFromExports?: boolean } = {}) {
  return new Hono()
    .get("/:runId/quality", validate("param", z.object({ runId: z.union([z.literal("latest"), z.coerce.number().int().positive()]) })), answers(importQualityAnswer, { summary: "The data-quality report of an import run (or the latest)" }), async (c) => {
      const { runId } = c.req.valid("param");
      const record = await getImportQuality(database.db, runId);
      if (!record) throw new ApiError("NOT_FOUND", runId === "latest" ? "no import has written rows yet" : `import run ${runId} has no quality report (not an import, or it wrote no rows)`);
      return c.var.answer(record);
    })
    .post(
    "/",
    validate("query", query),
    uploads(["text/csv", "application/gzip", "application/zip", "application/vnd.apache.parquet", "application/octet-stream"], "One CUR, CUR 2.0 or FOCUS file (CSV, gzip or zip, or Parquet; told apart by content): a multipart \"file\" field or the raw body"),
    answers(importedAnswer, { status: 201, summary: "Import one CUR, CUR 2.0 or FOCUS file" }),
    async (c) => {
      const { format, fileName } = c.req.valid("query");
      const upload = await readUpload(c.req.raw, fileName);
      await checkDecompressedSize(upload.bytes, limits.decompressedBytes);
      const file = { name: upload.name, open: async () => Readable.from([upload.bytes]) };
      // Under the import lock, like the scheduled and CLI imports: one import at a time per database.
      const result = await withJobLock(database, IMPORT_LOCK, () => importFiles(database, [file], { format, location: "upload", resourcesFromExports: options.resourcesFromExports }));
      if (!result) throw new ApiError("CONFLICT", "another import is running; try again when it has finished");
      const { run, rejected } = result;
      if (rejected) throw new ApiError("BAD_REQUEST", rejected.message);
      if (run.status === "failed") throw new Error(`import run ${run.runId} failed: ${run.error}`);
      return c.var.answer({ runId: run.runId, status: run.status, rowsWritten: run.rowsWritten ?? 0, window: run.window ?? null, details: run.details ?? {} });
    },
  );
}

async function readUpload(request: Request, fileName: string | undefined): Promise<{ name: string; bytes: Buffer }> {
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const form = await request.formData();
    const file = form.get("file");
    if (!(file instanceof Blob)) throw new ApiError("BAD_REQUEST", 'multipart uploads need a "file" field');
    const name = fileName ?? (file instanceof File && file.name ? file.name : "upload");
    return { name, bytes: Buffer.from(await file.arrayBuffer()) };
  }
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length === 0) throw new ApiError("BAD_REQUEST", "the request body is empty");
  return { name: fileName ?? "upload", bytes };
}
