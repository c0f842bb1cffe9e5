// The review as one self-contained HTML file: the Markdown rendered to HTML, each chart inlined as
// SVG, and the styles in the page, so it opens anywhere and prints (PDF) as it shows.
import { Marked, type Tokens } from "marked";
import type { ReviewDocument } from "../../../db/domain/review-model";
import { renderMarkdown } from "./markdown";
import { escapeXml } from "./svg-charts";

const STYLES = `
  body { font-family: Helvetica, Arial, sans-serif; color: #111827; max-width: 820px; margin: 32px auto; padding: 0 24px; line-height: 1.45; font-size: 14px; }
  h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; } h3 { font-size: 15px; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13px; }
  th, td { border: 1px solid #e5e7eb; padding: 4px 8px; text-align: left; vertical-align: top; } th { background: #f9fafb; }
  figure.chart { margin: 8px 0 16px; break-inside: avoid; } figure.chart svg { max-width: 100%; height: auto; }
  code { font-size: 12px; background: #f3f4f6; padding: 1px 4px; border-radius: 3px; }
  @media print { body { margin: 0 auto; } h2 { break-after: avoid; } table { break-inside: avoid; } }
`;

export function renderHtml(doc: ReviewDocument): string {
  const { markdown, charts } = renderMarkdown(doc);
  const byFile = new Map(charts.map((c) => [c.file, c]));
  const marked = new Marked({
    renderer: {
      image({ href, text }: Tokens.Image) {
        const chart = byFile.get(href);
        return chart ? `<figure class="chart" data-chart-file="${escapeXml(chart.file)}">${chart.svg}</figure>` : escapeXml(text);
      },
    },
  });
  const body = marked.parse(markdown, { async: false });
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(doc.title)}</title><style>${STYLES}</style></head><body>\n${body}</body></html>\n`;
}
