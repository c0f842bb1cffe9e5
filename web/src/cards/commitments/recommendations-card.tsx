// Tallyboard's Compute Savings Plan recommendation next to AWS's, the difference explained, and
// the table of every recommendation AWS made (RI and SP, 1 and 3 years, payment options).
import { useState } from "react";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { useCommitmentPlan, useCommitments, type CommitmentPlan } from "../../api/use-commitments";
import { formatShare, formatUsd } from "../../format/money";
import { DataTable, num } from "../../components/data-table";

const CONFIDENCES = [0.8, 0.9, 0.95];

function Comparison({ plan }: { plan: NonNullable<CommitmentPlan["comparison"]> }) {
  const rows = [
    { who: "Tallyboard", lookback: plan.lookbackDays, figures: plan.tallyboard },
    ...(plan.aws ? [{ who: "AWS", lookback: plan.aws.lookbackDays, figures: plan.aws }] : []),
  ];
  return (
    <>
      <DataTable columns={["Compute Savings Plan, 1 year, no upfront", num("Looks back"), num("$/hour"), num("Saves / month*"), num("Utilization*"), num("Coverage*"), num("Days not fully used*")]} testId="recommendation-comparison">
        {rows.map((r) => (
          <tr key={r.who} data-who={r.who}>
            <td>{r.who}</td>
            <td className="num">{r.lookback} days</td>
            <td className="num" data-field="hourly">{formatUsd(r.figures.hourlyCommitment)}</td>
            <td className="num">{formatUsd(r.figures.monthlySavings)}</td>
            <td className="num">{formatShare(r.figures.utilization)}</td>
            <td className="num">{formatShare(r.figures.coverage)}</td>
            <td className="num">{formatShare(r.figures.underusedDayShare)}</td>
          </tr>
        ))}
      </DataTable>
      <p className="muted">* judged on the same last {plan.lookbackDays} days of on-demand eligible usage. Break-even utilization {formatShare(plan.breakEvenUtilization)} (rate {plan.rate}).</p>
      <ul className="reasons" data-testid="recommendation-reasons">
        {plan.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </>
  );
}

function AwsTable() {
  const query = useCommitments();
  return (
    <QueryState query={query} isEmpty={(d) => d.awsRecommendations.length === 0} empty="No AWS recommendations stored yet.">
      {(data) => (
        <details className="aws-recommendations">
          <summary>All AWS recommendations ({data.awsRecommendations.length})</summary>
          <DataTable columns={["Kind", "For", "Term", "Payment", num("Buy"), num("Upfront"), num("Saves / month"), num("Avg. utilization")]} testId="aws-recommendations" scroll>
            {data.awsRecommendations.map((r, i) => (
              <tr key={i}>
                <td>{r.kind === "savings-plan" ? r.product.replace("_SP", " SP").replace("EC2_INSTANCE", "EC2 Instance").replace("COMPUTE", "Compute") : "Reserved instance"}</td>
                <td>{r.subject}{r.region ? <span className="muted"> {r.region}</span> : null}</td>
                <td>{r.termYears} yr</td>
                <td>{r.paymentOption.replaceAll("_", " ").toLowerCase()}</td>
                <td className="num">{r.quantityUnit === "instances" ? `${r.quantity} instances` : `${formatUsd(r.quantity)}/h`}</td>
                <td className="num">{r.upfrontCost ? formatUsd(r.upfrontCost) : "—"}</td>
                <td className="num">{r.monthlySavings ? formatUsd(r.monthlySavings) : "—"}</td>
                <td className="num">{r.averageUtilization ? `${r.averageUtilization}%` : "—"}</td>
              </tr>
            ))}
          </DataTable>
        </details>
      )}
    </QueryState>
  );
}

export function RecommendationsCard() {
  const [confidence, setConfidence] = useState(0.9);
  const query = useCommitmentPlan({ confidence });
  return (
    <Card
      title="Recommendations"
      note="Tallyboard covers the steady baseline of on-demand compute: the level reached on the chosen share of days, never above the level that saves the most."
      actions={
        <label className="field">
          <span className="field-label">Confidence</span>
          <select value={confidence} onChange={(e) => setConfidence(Number(e.target.value))} aria-label="Confidence">
            {CONFIDENCES.map((c) => (
              <option key={c} value={c}>{Math.round(c * 100)}% of days</option>
            ))}
          </select>
        </label>
      }
      testId="recommendations-card"
    >
      <QueryState query={query} isEmpty={(d) => d.comparison === null} empty="No billing data yet.">
        {(data) => (
          <>
            <Comparison plan={data.comparison!} />
            {data.baselines.length > 0 ? (
              <DataTable columns={["Steady baseline by compute type", num("On demand / day"), num("Would cover with"), num("Saves / month")]} testId="baselines">
                {data.baselines.map((b) => (
                  <tr key={b.group}>
                    <td>{b.group}</td>
                    <td className="num">{formatUsd(b.baselinePerDay)}</td>
                    <td className="num">{formatUsd(b.recommendedHourly)}/h</td>
                    <td className="num">{formatUsd(b.monthlySavings)}</td>
                  </tr>
                ))}
              </DataTable>
            ) : null}
            <AwsTable />
          </>
        )}
      </QueryState>
    </Card>
  );
}
