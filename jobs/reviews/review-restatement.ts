// What changed in the numbers since a review was saved: its snapshot against the same review built
// from today's data. A restated bill (a re-synced day, a late import) shows up here. Pure.
import Decimal from "decimal.js";
import { commitmentMetrics, type ReviewDocument } from "../../db/domain/review-model";
import { formatValue } from "./render/format";

export interface RestatedFigure {
  /** "Spend, 2026-10". */
  what: string;
  saved: string | null;
  now: string | null;
  /** now - saved, when both exist. */
  difference: string | null;
  text: string;
}

export interface RestatementNote {
  restated: boolean;
  figures: RestatedFigure[];
  /** One sentence for the list; null when nothing changed. */
  summary: string | null;
}

const differs = (a: string | null, b: string | null) => (a === null || b === null ? a !== b : !new Decimal(a).eq(b));

export function compareWithLive(saved: ReviewDocument, live: ReviewDocument): RestatementNote {
  const figures: RestatedFigure[] = [];
  const liveMetrics = [...live.metrics, ...commitmentMetrics(live.commitments)];
  for (const metric of [...saved.metrics, ...commitmentMetrics(saved.commitments)]) {
    const now = liveMetrics.find((m) => m.key === metric.key);
    const livePoints = new Map((now?.trend ?? []).map((p) => [p.period, p.value]));
    for (const point of metric.trend) {
      const current = livePoints.has(point.period) ? livePoints.get(point.period)! : null;
      if (!differs(point.value, current)) continue;
      const difference = point.value !== null && current !== null ? new Decimal(current).minus(point.value).toString() : null;
      figures.push({
        what: `${metric.label}, ${point.period}`,
        saved: point.value,
        now: current,
        difference,
        text: `${metric.label}, ${point.period}: ${formatValue(point.value, metric.format)} when saved, ${formatValue(current, metric.format)} now`,
      });
    }
  }
  if (differs(saved.movers.totalChangeUsd, live.movers.totalChangeUsd)) {
    figures.push({
      what: "Total change of the movers",
      saved: saved.movers.totalChangeUsd,
      now: live.movers.totalChangeUsd,
      difference: new Decimal(live.movers.totalChangeUsd).minus(saved.movers.totalChangeUsd).toString(),
      text: `Total change of the movers: ${formatValue(saved.movers.totalChangeUsd, "usd")} when saved, ${formatValue(live.movers.totalChangeUsd, "usd")} now`,
    });
  }
  const inPeriod = figures.filter((f) => f.what.endsWith(`, ${saved.period.label}`));
  // An open period changes as its days are billed; a closed one only when the bill is restated.
  const billedFurther = !saved.period.complete && saved.lastCompleteBillingDay !== live.lastCompleteBillingDay;
  const summary = figures.length
    ? `${billedFurther ? `Billed through ${live.lastCompleteBillingDay} since saved` : "Restated since saved"}: ${figures.length} figure(s) differ${inPeriod.length ? `, ${inPeriod[0]!.text}` : `, ${figures[0]!.text}`}.`
    : null;
  return { restated: figures.length > 0, figures, summary };
}
