// npm run cli -- review --scope team:<id>|group:<id>|org:<id>|company --period 2026-10|2026-Q3
//   --format md|html|pdf --out <path>: the document written to a file (Markdown with its SVGs beside it).
import { closePdfBrowser } from "./render/pdf";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Runtime } from "../runtime";
import { measureSchema } from "../../db/queries/measure";
import { buildReview } from "./build-review";
import { parsePeriod, parseScope } from "../../db/domain/review-period";
import { exportReview, reviewFileName, REVIEW_FORMATS, type ReviewFormat } from "./render/export-review";

export interface ReviewCommandOptions {
  scope?: string;
  period?: string;
  format?: string;
  out?: string;
  measure?: string;
}

export async function reviewCommand(runtime: Runtime, options: ReviewCommandOptions): Promise<string[]> {
  if (!options.scope) throw new Error("review needs --scope team:<id>, group:<id>, org:<id> or company");
  if (!options.period) throw new Error("review needs --period YYYY-MM or YYYY-Qn");
  const format = (options.format ?? "md") as ReviewFormat;
  if (!REVIEW_FORMATS.includes(format)) throw new Error(`--format must be one of ${REVIEW_FORMATS.join(", ")}`);
  const measure = measureSchema.parse(options.measure);
  const doc = await buildReview(runtime.database.db, { scope: parseScope(options.scope), period: parsePeriod(options.period), measure });
  // A PDF leaves the shared browser open for the next export: the command has no next, so it closes it.
  const exported = await exportReview(doc, format, runtime.config.chromiumPath).finally(closePdfBrowser);
  const out = options.out ?? reviewFileName(doc, exported.extension);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, exported.body);
  const written = [out];
  for (const chart of exported.charts) {
    const path = join(dirname(out), chart.file);
    writeFileSync(path, chart.svg);
    written.push(path);
  }
  return written;
}
