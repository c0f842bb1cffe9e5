// The document as it will be published: its headline metrics at a glance, the full HTML rendering
// in a sandboxed frame, and the three downloads.
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { exportUrl, useReviewHtml, useReviewPreview, type ReviewParams } from "../../api/use-reviews";
import { formatShare, formatUsd } from "../../format/money";
import { DataTable, num } from "../../components/data-table";

const shown = (value: string | null | undefined, format: "usd" | "ratio") => (value == null ? "n/a" : format === "usd" ? formatUsd(value) : formatShare(value));

export function ReviewPreviewCard({ params }: { params: ReviewParams }) {
  const preview = useReviewPreview(params);
  const html = useReviewHtml(params);
  const downloads = (
    <div className="review-downloads">
      {(["md", "html", "pdf"] as const).map((format) => (
        <a key={format} className="button button-small" href={exportUrl(params, format)} download data-testid={`review-download-${format}`}>
          {format === "md" ? "Markdown" : format.toUpperCase()}
        </a>
      ))}
    </div>
  );
  return (
    <Card title="Preview" note="Every number as the API answers it for this scope and period." actions={downloads} testId="review-preview">
      <QueryState query={preview}>
        {({ document }) => (
          <DataTable columns={["Metric", num("Value"), num("Goal"), "Status"]} className="review-metrics" testId="review-metrics">
            {document.metrics.map((m) => (
              <tr key={m.key} data-metric={m.key} data-value={m.value ?? ""}>
                <td>{m.label}</td>
                <td className="num">{shown(m.value, m.format)}</td>
                <td className="num">{m.goal ? shown(m.goal.value, m.format) : "none"}</td>
                <td className={`review-status review-status-${m.status}`}>{m.status.replace("_", " ")}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      <QueryState query={html} height={400}>
        {(body) => <iframe className="review-frame" title="Business review document" sandbox="" srcDoc={body} data-testid="review-frame" />}
      </QueryState>
    </Card>
  );
}
