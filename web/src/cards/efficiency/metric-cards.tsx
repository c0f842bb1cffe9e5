// The two headline numbers as metric cards: value, goal, trend sparkline, change vs last month.
import { useEfficiencyCards, type MetricCardData } from "../../api/use-efficiency";
import { useMeasure } from "../../routing/measure";
import { formatShareChange, formatUsd, formatUsdChange, signOf } from "../../format/money";
import { formatMonth } from "../../format/dates";
import { Empty, ErrorState, Loading } from "../../components/query-state";
import { Sparkline } from "../../charts/sparkline";

function MetricCard({ card, testId, note }: { card: MetricCardData; testId: string; note: string }) {
  const tone = card.status === "over_target" ? "over" : card.status === "on_target" ? "on" : "none";
  return (
    <section className={`card metric-card metric-${tone}`} data-testid={testId} aria-label={card.label}>
      <div className="metric-head">
        <h2 className="card-title">{card.label}</h2>
        {card.status === "over_target" ? <span className="pill pill-warning">over goal</span> : card.status === "on_target" ? <span className="pill pill-ok">on goal</span> : null}
      </div>
      <div className="metric-body">
        <div>
          <div className="metric-value" data-field="value" data-value={card.value ?? ""}>{card.value === null ? "—" : formatUsd(card.value)}</div>
          <div className="metric-unit">{card.unitLabel}{card.period ? ` · ${formatMonth(card.period)}` : ""}</div>
        </div>
        <div>
          <Sparkline points={card.trend} goal={card.goal?.targetValue ?? null} testId={`${testId}-sparkline`} />
          {card.trend.length > 1 ? <div className="sparkline-range"><span>{formatMonth(card.trend[0]!.period)}</span><span>- - goal</span><span>{formatMonth(card.trend.at(-1)!.period)}</span></div> : null}
        </div>
      </div>
      <dl className="metric-facts">
        <div>
          <dt>Goal</dt>
          <dd data-field="goal">{card.goal ? formatUsd(card.goal.targetValue) : "none set"}{card.versusGoal !== null ? <span className={signOf(card.versusGoal) > 0 ? "change-up" : "change-down"}> ({formatShareChange(card.versusGoal)})</span> : null}</dd>
        </div>
        <div>
          <dt>vs {card.previous ? formatMonth(card.previous.period) : "last month"}</dt>
          <dd data-field="change">
            {card.change ? (
              <span className={signOf(card.change.amount) > 0 ? "change-up" : signOf(card.change.amount) < 0 ? "change-down" : ""}>
                {formatUsdChange(card.change.amount)} ({formatShareChange(card.change.ratio)})
              </span>
            ) : "—"}
          </dd>
        </div>
      </dl>
      <p className="metric-note">{note}</p>
    </section>
  );
}

export function EfficiencyMetricCards() {
  const [measure] = useMeasure();
  const cards = useEfficiencyCards({ measure });
  if (cards.isPending) return <div className="card"><Loading height={170} /></div>;
  if (cards.isError) return <div className="card"><ErrorState error={cards.error} onRetry={() => void cards.refetch()} /></div>;
  if (!cards.data.cards) return <div className="card"><Empty height={170}>No data yet: the first sync is running.</Empty></div>;
  const { unitCost, engineerOverhead } = cards.data.cards;
  const scope = cards.data.scope.environments?.join(" + ") ?? "all";
  return (
    <div className="grid-2" data-testid="efficiency-metric-cards">
      <MetricCard card={unitCost} testId="metric-unit-cost" note={`${scope[0]!.toUpperCase()}${scope.slice(1)} spend over all ${cards.data.metric?.replaceAll("_", " ") ?? "operations"}, day by day through the last complete billing day.`} />
      <MetricCard card={engineerOverhead} testId="metric-engineer-overhead" note="Development and data environments plus non-production vendor tooling, over engineers that month." />
    </div>
  );
}
