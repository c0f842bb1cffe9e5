// /api/reviews: a business review of a scope and period (preview as JSON, download as Markdown,
// HTML or PDF), saved reviews (a snapshot of the numbers) with the note of what was restated since.
// Saving is the only mutation (POST /): the role check goes in front of it.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { periodSchema } from "../../db/period-schema";
import type { Db } from "../../db/client";
import { measureSchema } from "../../db/queries/measure";
import { buildReview } from "../../jobs/reviews/build-review";
import { parsePeriod, parseScope, ReviewInputError } from "../../db/domain/review-period";
import type { ReviewDocument } from "../../db/domain/review-model";
import { getSavedReview, listSavedReviews, saveReview } from "../../jobs/reviews/stored-reviews";
import { exportReview, reviewFileName, REVIEW_FORMATS } from "../../jobs/reviews/render/export-review";
import { ChromiumMissingError } from "../../jobs/reviews/render/pdf";
import { PrintQueueFullError } from "../../jobs/reviews/render/print-queue";
import { actorOf } from "../auth/identity";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers, sends } from "../answers";
import { reviewListAnswer, reviewPreviewAnswer, savedReviewAnswer } from "../responses/reviews";

/** What GET .../export sends, by ?format= (md, html, pdf). */
const reviewFile = (summary: string) => sends(["text/markdown", "text/html", "application/pdf"], { summary, description: "The review as Markdown, HTML or PDF (?format=), as an attachment" });

const scope = z.string().min(1).max(120).default("company");
const period = periodSchema;
const reviewQuery = z.object({ scope, period, measure: measureSchema });
const format = z.object({ format: z.enum(REVIEW_FORMATS).default("md") });
const saveBody = z.object({ scope, period, measure: measureSchema, authorSections: z.record(z.string().max(40), z.string().max(20_000)).default({}) });
const idParam = z.object({ id: z.coerce.number().int().positive() });

export interface ReviewRouteOptions {
  chromiumPath: string;
}

function asApiError(error: unknown): never {
  if (error instanceof ReviewInputError) throw new ApiError(error.notFound ? "NOT_FOUND" : "BAD_REQUEST", error.message);
  if (error instanceof ChromiumMissingError || error instanceof PrintQueueFullError) throw new ApiError("SERVICE_UNAVAILABLE", error.message);
  throw error;
}

const request = (q: z.infer<typeof reviewQuery>) => {
  try {
    return { scope: parseScope(q.scope), period: parsePeriod(q.period), measure: q.measure };
  } catch (error) {
    return asApiError(error);
  }
};

export const reviewRoutes = (db: Db, options: ReviewRouteOptions) => {
  const download = async (c: Context, doc: ReviewDocument, asked: z.infer<typeof format>["format"]) => {
    const file = await exportReview(doc, asked, options.chromiumPath, { inlineCharts: true }).catch(asApiError);
    return c.body(typeof file.body === "string" ? file.body : new Uint8Array(file.body), 200, {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${reviewFileName(doc, file.extension)}"`,
    });
  };
  return new Hono()
    .get("/preview", validate("query", reviewQuery), answers(reviewPreviewAnswer, { summary: "Build a business review of a scope and period as JSON, without saving it" }), async (c) => c.var.answer({ document: await buildReview(db, request(c.req.valid("query"))).catch(asApiError) }))
    .get("/export", validate("query", reviewQuery.extend(format.shape)), reviewFile("Download a business review as Markdown, HTML or PDF"), async (c) => {
      const q = c.req.valid("query");
      return download(c, await buildReview(db, request(q)).catch(asApiError), q.format);
    })
    .get("/", validate("query", z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) })), answers(reviewListAnswer, { summary: "Saved business reviews, with what was restated since" }), async (c) => c.var.answer({ reviews: await listSavedReviews(db, c.req.valid("query").limit) }))
    .post("/", validate("json", saveBody), answers(savedReviewAnswer, { status: 201, summary: "Save a business review: a snapshot of its numbers" }), async (c) => {
      const body = c.req.valid("json");
      const saved = await saveReview(db, request(body), body.authorSections, actorOf(c)).catch(asApiError);
      return c.var.answer({ review: saved });
    })
    .get("/:id", validate("param", idParam), answers(savedReviewAnswer, { summary: "A saved business review with its document" }), async (c) => {
      const saved = await getSavedReview(db, c.req.valid("param").id);
      if (!saved) throw new ApiError("NOT_FOUND", `No saved review ${c.req.valid("param").id}`);
      return c.var.answer({ review: saved });
    })
    .get("/:id/export", validate("param", idParam), validate("query", format), reviewFile("Download a saved business review as Markdown, HTML or PDF"), async (c) => {
      const saved = await getSavedReview(db, c.req.valid("param").id);
      if (!saved) throw new ApiError("NOT_FOUND", `No saved review ${c.req.valid("param").id}`);
      return download(c, saved.document, c.req.valid("query").format);
    });
};
