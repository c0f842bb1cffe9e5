// How much of the bill has an owner: the period's split, and the share day by day.
import { useOwnershipSummary } from "../../api/use-ownership-summary";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { AttributedShareChart } from "../../charts/attributed-share-chart";
import { ATTRIBUTED_COLOR, UNATTRIBUTED_COLOR } from "../../charts/palette";
import { formatShare, formatUsd } from "../../format/money";
import { periodTotals } from "./period-totals";
import type { OwnershipParams } from "./ownership-params";

export function AttributedShareCard({ params }: { params: OwnershipParams }) {
  const summary = useOwnershipSummary(params);
  return (
    <Card title="Share of spend with an owner" note="Each day's spend that a rule or a shared-cost split placed on a team." testId="attributed-share-card">
      <QueryState query={summary} height={300} isEmpty={(data) => data.byDay.length === 0} empty="No spend in this period.">
        {(data) => {
          const totals = periodTotals(data.byDay);
          return (
            <div className={summary.isPlaceholderData ? "stale" : undefined}>
              <div className="split-summary" data-testid="attributed-totals">
                <div className="split-figure">
                  <span className="split-label"><span className="swatch" style={{ background: ATTRIBUTED_COLOR }} />With an owner</span>
                  <span className="split-value" data-field="attributed">{formatUsd(totals.attributed)}</span>
                </div>
                <div className="split-figure">
                  <span className="split-label"><span className="swatch" style={{ background: UNATTRIBUTED_COLOR }} />No owner</span>
                  <span className="split-value split-warning" data-field="unattributed">{formatUsd(totals.unattributed)}</span>
                </div>
                <div className="split-figure">
                  <span className="split-label">Share with an owner</span>
                  <span className="split-value" data-field="share">{formatShare(totals.share)}</span>
                </div>
                <div className="split-figure">
                  <span className="split-label">Total</span>
                  <span className="split-value muted-value" data-field="total">{formatUsd(totals.total)}</span>
                </div>
              </div>
              <SplitBar share={totals.share} />
              <AttributedShareChart days={data.byDay} />
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}

/** The period's split as one bar: display only, so the ratio becomes a width here. */
function SplitBar({ share }: { share: string | null }) {
  if (share === null) return null;
  const width = `${Math.min(100, Math.max(0, Number(share) * 100)).toFixed(2)}%`;
  return (
    <div className="split-bar" aria-hidden="true">
      <span style={{ width, background: ATTRIBUTED_COLOR }} />
      <span style={{ flex: 1, background: UNATTRIBUTED_COLOR }} />
    </div>
  );
}
