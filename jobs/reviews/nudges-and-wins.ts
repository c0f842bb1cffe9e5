// The scope's open nudges (not yet resolved or dismissed: open, acknowledged, snoozed) (what to fix, and the money at stake) and its verified wins (what it
// fixed, with the savings measured from the attributed costs), from the nudge inbox and /api/wins.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import type { Measure } from "../../db/queries/measure";
import { listNudges } from "../../db/queries/nudge-inbox";
import { getMeasuredWins } from "../leaderboards/wins";
import type { ReviewDocument } from "../../db/domain/review-model";

const MAX_NUDGES = 10;
const inScope = (teamIds: readonly string[], teamId: string) => teamIds.length === 0 || teamIds.includes(teamId);

export async function getReviewNudges(db: DbOrTx, teamIds: readonly string[]): Promise<ReviewDocument["nudges"]> {
  const { nudges } = await listNudges(db, { view: "active", limit: 500 });
  const own = nudges.filter((n) => inScope(teamIds, n.teamId));
  return {
    open: own.slice(0, MAX_NUDGES).map((n) => ({ id: n.id, teamId: n.teamId, title: n.title, rule: n.rule, monthlyAtStake: new Decimal(n.monthlyAtStake).toFixed(2), status: n.status })),
    monthlyAtStake: own.reduce((sum, n) => sum.plus(n.monthlyAtStake), new Decimal(0)).toFixed(2),
  };
}

/** Wins shipped by the period's end whose measurement verified them. */
export async function getReviewWins(db: DbOrTx, teamIds: readonly string[], periodEnd: string, measure: Measure): Promise<ReviewDocument["wins"]> {
  const wins = (await getMeasuredWins(db, { measure })).filter((w) => inScope(teamIds, w.teamId) && w.shippedOn <= periodEnd && w.measurement.status === "verified");
  return {
    verified: wins.map((w) => ({ id: w.id, teamId: w.teamId, title: w.title, shippedOn: w.shippedOn, realizedMonthlySavings: w.measurement.realizedMonthlySavings })),
    realizedMonthlySavings: wins.reduce((sum, w) => sum.plus(w.measurement.realizedMonthlySavings ?? 0), new Decimal(0)).toFixed(2),
  };
}
