// The newest import's data-quality report: the totals to hold against the invoice, the tag keys
// found (owner keys marked), the spend no owner-like tag covers, columns ignored, and its warnings.
import { useLatestImportQuality, type ImportQualityRecord } from "../../api/use-import-quality";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { DataTable, num } from "../../components/data-table";
import { formatTimestamp } from "../../format/dates";
import { formatShare, formatUsd } from "../../format/money";

export function ImportQualityCard() {
  const quality = useLatestImportQuality();
  return (
    <Card title="Data quality of the last import" note="Hold the totals against the invoice; tags decide who owns the spend." testId="import-quality-card">
      <QueryState query={quality} isEmpty={(data) => data === null} empty="No import has written rows yet.">
        {(record) => <QualityReport record={record!} />}
      </QueryState>
    </Card>
  );
}

function QualityReport({ record }: { record: ImportQualityRecord }) {
  const { quality } = record;
  return (
    <div>
      {quality.warnings.length > 0 ? (
        <ul className="state state-error" role="alert" data-testid="import-quality-warnings">
          {quality.warnings.map((warning) => <li key={`${warning.code}-${warning.file ?? ""}`} data-code={warning.code}>{warning.message}</li>)}
        </ul>
      ) : null}
      <p className="muted" data-testid="import-quality-summary">
        Run #{record.runId} at {formatTimestamp(record.startedAt)}: {quality.rows.toLocaleString("en-US")} rows in {quality.periods.length} billing period{quality.periods.length === 1 ? "" : "s"}.
      </p>
      <DataTable columns={["Billing period", num("Rows"), num("Unblended"), num("Amortized")]} className="table-compact" testId="import-quality-periods">
        {quality.periods.map((p) => (
          <tr key={p.period} data-period={p.period}>
            <td>{p.period.slice(0, 7)}</td>
            <td className="num">{p.rows.toLocaleString("en-US")}</td>
            <td className="num" data-field="unblended">{formatUsd(p.unblended)}</td>
            <td className="num">{formatUsd(p.amortized)}</td>
          </tr>
        ))}
      </DataTable>
      {quality.invoices ? (
        <DataTable columns={["Invoice", num("Rows"), num("Unblended")]} className="table-compact" testId="import-quality-invoices">
          {quality.invoices.map((i) => (
            <tr key={i.invoiceId ?? "none"}>
              <td>{i.invoiceId ?? "not invoiced yet"}</td>
              <td className="num">{i.rows.toLocaleString("en-US")}</td>
              <td className="num">{formatUsd(i.unblended)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <dl className="facts">
        <dt>Tag keys found</dt>
        <dd data-testid="import-quality-tag-keys">
          {quality.tagKeys.length === 0 ? "none" : quality.tagKeys.map((tag) => (tag.ownerKey ? `${tag.key} (owner key)` : tag.ownerLike ? `${tag.key} (owner-like)` : tag.key)).join(", ")}
        </dd>
        <dt>Spend with no owner-like tag</dt>
        <dd data-testid="import-quality-without-owner">
          {formatUsd(quality.withoutOwnerTag.unblended)} ({formatShare(quality.withoutOwnerTag.share)})
        </dd>
        {quality.files.filter((file) => file.ignoredColumns.length > 0).map((file) => (
          <div key={file.name}>
            <dt>Ignored in {file.name.split("/").at(-1)}</dt>
            <dd>{file.ignoredColumns.join(", ")}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
