// Revenue vs infrastructure cost (log axis, inflections marked), the share of revenue and its trend.
import { useRevenueView } from "../../api/use-efficiency";
import { useMeasure } from "../../routing/measure";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { RevenueCostLogChart } from "../../charts/revenue-cost-log-chart";
import { formatShare, formatUsd } from "../../format/money";
import { formatMonth } from "../../format/dates";
import { CsvDownload } from "./csv-download";

/** Two decimals: quarter shares often differ by less than a tenth of a point. */
const sharePrecise = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const formatSharePrecise = (ratio: string | null) => (ratio === null ? "—" : sharePrecise.format(ratio as Intl.StringNumericLiteral));

export function RevenueCard() {
  const [measure] = useMeasure();
  const query = useRevenueView({ measure });
  return (
    <Card
      title="Revenue and infrastructure cost"
      note="Logarithmic axis: equal slopes mean equal growth rates. A ring marks a quarter whose growth changed by 5 points or more."
      actions={<CsvDownload table="revenue" params={{ measure }} />}
      testId="revenue-card"
    >
      <QueryState query={query} isEmpty={(d) => !d.revenue || d.revenue.months.every((m) => m.revenue === null)} empty="No revenue figures yet: upload revenue.csv.">
        {({ revenue }) => {
          const view = revenue!;
          const card = view.shareCard;
          const inflections = [...view.inflections.revenue.map((i) => ({ ...i, line: "Revenue" })), ...view.inflections.cost.map((i) => ({ ...i, line: "Infrastructure cost" }))].sort((a, b) => a.month.localeCompare(b.month));
          return (
            <>
              <div className="split-summary">
                <div className="split-figure" data-testid="revenue-share">
                  <span className="split-label">Share of revenue{card.period ? `, ${formatMonth(card.period)}` : ""}</span>
                  <span className="split-value">{formatShare(card.value)}</span>
                </div>
                <div className="split-figure">
                  <span className="split-label">Goal</span>
                  <span className="split-value muted-value">{card.goal ? formatShare(card.goal.targetValue) : "none"}</span>
                </div>
                <div className="split-figure">
                  <span className="split-label">Last quarter vs the one before</span>
                  <span className="split-value muted-value">
                    {formatSharePrecise(view.shareTrend.lastQuarter?.share ?? null)} vs {formatSharePrecise(view.shareTrend.previousQuarter?.share ?? null)}{" "}
                    {view.shareTrend.rising === null ? null : <span className={`pill ${view.shareTrend.rising ? "pill-warning" : "pill-ok"}`}>{view.shareTrend.rising ? "rising" : "not rising"}</span>}
                  </span>
                </div>
              </div>
              <RevenueCostLogChart view={view} />
              <ul className="inflections" data-testid="inflections">
                {inflections.length === 0 ? <li className="muted">No inflection in either line over the last quarters.</li> : null}
                {inflections.map((i) => (
                  <li key={`${i.line}-${i.month}`}>
                    <strong>{i.line}</strong> {i.direction} from the quarter starting {formatMonth(i.month)}: quarterly growth {formatShare(i.growthBefore)} → {formatShare(i.growthAfter)}
                  </li>
                ))}
              </ul>
              <p className="card-note">Infrastructure here is the cloud bill ({measure.replace("_", " ")}); last month {formatUsd(view.months.at(-1)?.infraCost ?? "0")}.</p>
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}
