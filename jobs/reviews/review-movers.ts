// The services and accounts whose spend moved most between the period and the one before, each
// with its share of the scope's total change. The comparison is over equally long spans: an open
// period to date against the same number of days of the previous one.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import { addDays, daysBetween } from "../../db/calendar";
import type { Measure } from "../../db/queries/measure";
import { ratio } from "../../db/queries/ratio";
import { getScopeDimensionWindows, type DimensionWindows } from "../../db/queries/scope-movers";
import type { Mover, ReviewDocument } from "../../db/domain/review-model";
import { billedSpan, previousPeriod, type ReviewPeriod } from "../../db/domain/review-period";

export const TOP_MOVERS = 5;

/** Largest absolute change first; each with its share of the total change. Pure. */
export function rankMovers(rows: readonly DimensionWindows[], top = TOP_MOVERS): { total: string; movers: Mover[] } {
  const total = rows.reduce((sum, r) => sum.plus(r.current).minus(r.previous), new Decimal(0));
  const movers = rows
    .map((r) => {
      const delta = new Decimal(r.current).minus(r.previous);
      return { key: r.key, name: r.name, current: new Decimal(r.current).toFixed(2), previous: new Decimal(r.previous).toFixed(2), changeUsd: delta.toFixed(2), shareOfChange: ratio(delta.toString(), total.toString()) };
    })
    .filter((m) => !new Decimal(m.changeUsd).isZero())
    .sort((a, b) => new Decimal(b.changeUsd).abs().comparedTo(new Decimal(a.changeUsd).abs()) || a.key.localeCompare(b.key));
  return { total: total.toFixed(2), movers: movers.slice(0, top) };
}

export async function getReviewMovers(db: DbOrTx, teamIds: string[], period: ReviewPeriod, measure: Measure, lastDay: string | null): Promise<ReviewDocument["movers"]> {
  const span = billedSpan(period, lastDay);
  if (!span) return { comparedWith: null, totalChangeUsd: "0.00", services: [], accounts: [] };
  const before = previousPeriod(period);
  const sameLength = addDays(before.from, daysBetween(span.from, span.to).length - 1);
  const previous = { from: before.from, to: sameLength < before.to ? sameLength : before.to };
  const read = (dimension: "service" | "account") => getScopeDimensionWindows(db, { dimension, teamIds, current: span, previous, measure });
  const [services, accounts] = await Promise.all([read("service"), read("account")]);
  const byService = rankMovers(services);
  return { comparedWith: previous, totalChangeUsd: byService.total, services: byService.movers, accounts: rankMovers(accounts).movers };
}
