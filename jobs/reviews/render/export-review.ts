// One document in one of the three formats, for the CLI and the download endpoint alike.
import type { ReviewDocument } from "../../../db/domain/review-model";
import { renderMarkdown } from "./markdown";
import { renderHtml } from "./html";
import { renderPdf } from "./pdf";
import type { ReviewChart } from "./svg-charts";

export const REVIEW_FORMATS = ["md", "html", "pdf"] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

export interface ExportedReview {
  body: string | Buffer;
  contentType: string;
  extension: ReviewFormat;
  /** Markdown only: the SVG files its image links name, to be written beside it. */
  charts: ReviewChart[];
}

/** Markdown with `inlineCharts` is one file (a download); without, its SVGs go beside it (the CLI). */
export async function exportReview(doc: ReviewDocument, format: ReviewFormat, chromiumPath: string, options: { inlineCharts?: boolean } = {}): Promise<ExportedReview> {
  if (format === "md") {
    const { markdown, charts } = renderMarkdown(doc, options);
    return { body: markdown, contentType: "text/markdown; charset=utf-8", extension: "md", charts: options.inlineCharts ? [] : charts };
  }
  const html = renderHtml(doc);
  if (format === "html") return { body: html, contentType: "text/html; charset=utf-8", extension: "html", charts: [] };
  return { body: await renderPdf(html, chromiumPath), contentType: "application/pdf", extension: "pdf", charts: [] };
}

/** "business-review-group-payments-2026-Q3.md". */
export function reviewFileName(doc: ReviewDocument, extension: string): string {
  const scope = doc.scope.kind === "company" ? "company" : `${doc.scope.kind}-${doc.scope.id}`;
  return `business-review-${scope}-${doc.period.label}.${extension}`.replace(/[^A-Za-z0-9._-]/g, "_");
}
