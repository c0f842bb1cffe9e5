// The estimate: the monthly cost and its range, the Markdown to paste into the spec, the queries.
import type { CostEstimate } from "../../api/use-estimates";
import { formatUsd, formatUsdWhole } from "../../format/money";

export function EstimateResult({ estimate }: { estimate: CostEstimate }) {
  return (
    <div className="estimate-result" data-testid="estimate-result">
      {estimate.monthlyCost === null ? (
        <p className="state-empty">No estimate: no comparable month has enough operations for a unit cost.</p>
      ) : (
        <p className="estimate-figure">
          <strong data-testid="estimate-monthly" data-value={estimate.monthlyCost}>{formatUsdWhole(estimate.monthlyCost)}</strong> a month, range{" "}
          <span data-testid="estimate-low" data-value={estimate.low ?? ""}>{formatUsdWhole(estimate.low!)}</span> to{" "}
          <span data-testid="estimate-high" data-value={estimate.high ?? ""}>{formatUsdWhole(estimate.high!)}</span> (median {formatUsd(estimate.unitCost.median!)} per {estimate.unitCost.n.toLocaleString("en-US")} operations)
        </p>
      )}
      <label className="field">
        <span className="field-label">Paste into the tech spec</span>
        <textarea readOnly rows={14} value={estimate.markdown} data-testid="estimate-markdown" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" className="button button-small" onClick={() => void navigator.clipboard?.writeText(estimate.markdown)}>Copy Markdown</button>
    </div>
  );
}
