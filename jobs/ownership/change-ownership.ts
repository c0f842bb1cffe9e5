// Every change of ownership metadata goes through here: the change and the re-attribution of the
// days it affects commit together (or not at all), and a preview runs the very same code in a
// transaction that is rolled back, reporting the dollars per team that would move.
import { vacuumAfterAttribution } from "../attribution/settle-read-models";
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { queryRows, type Database, type DbOrTx } from "../../db/client";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import { addDays } from "../../db/calendar";
import { recordRun, type RunSummary } from "../sync/job-runs";
import { attributeAndReconcile } from "../attribution/attribute-and-reconcile";
import type { DayWindow } from "../sync/billing-window";
import { measureColumn, type Measure } from "../../db/queries/measure";
import { bumpReadModelVersion } from "../../db/read-model-version";
import { daysInWindow } from "../sync/days-in-window";

/** A change applies itself in the transaction and says from which day it takes effect. */
export type OwnershipMutation<T> = (tx: DbOrTx) => Promise<{ effectiveFrom: string | null; result: T }>;

export interface TeamMove {
  teamId: string;
  before: string;
  after: string;
  delta: string;
}

class PreviewRollback extends Error {}

export async function changeOwnership<T>(database: Database, sourceName: string, mutate: OwnershipMutation<T>): Promise<{ result: T; run: RunSummary }> {
  let result!: T;
  let failure: unknown;
  const run = await recordRun(database.db, { job: "ownership-change", source: sourceName }, async (runId) => {
    return database.db.transaction(async (tx) => {
      const change = await mutate(tx).catch((error: unknown) => {
        failure = error; // rethrown as it was, so callers can tell a bad request from a fault
        throw error;
      });
      result = change.result;
      const window = change.effectiveFrom ? await affectedWindow(tx, change.effectiveFrom) : null;
      if (!window) {
        await bumpReadModelVersion(tx); // the rules changed even if no synced day did
        return {};
      }
      const { stats, reconciliation } = await attributeAndReconcile(tx, window, runId);
      return { window: stats.window, rowsWritten: stats.directRows + stats.splitRows, details: { reconciliation } };
    });
  });
  if (run.status === "failed") throw failure ?? new Error(run.error);
  await vacuumAfterAttribution(database, run.window);
  return { result, run };
}

/** What a change would do, per team, over the days it affects; nothing is kept. */
export async function previewOwnershipChange<T>(db: DbOrTx, mutate: OwnershipMutation<T>, measure: Measure = "amortized") {
  let preview: { window: DayWindow | null; moves: TeamMove[]; result: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      const change = await mutate(tx);
      const window = change.effectiveFrom ? await affectedWindow(tx, change.effectiveFrom) : null;
      if (!window) {
        preview = { window: null, moves: [], result: change.result };
        throw new PreviewRollback();
      }
      const before = await teamTotals(tx, window, measure);
      const { stats } = await attributeAndReconcile(tx, window, 0);
      const after = await teamTotals(tx, stats.window, measure);
      preview = { window: stats.window, moves: teamMoves(before, after), result: change.result };
      throw new PreviewRollback();
    });
  } catch (error) {
    if (!(error instanceof PreviewRollback)) throw error;
  }
  return preview!;
}

/** From the change's day to the newest synced day; null when no synced day is affected. */
async function affectedWindow(tx: DbOrTx, effectiveFrom: string): Promise<DayWindow | null> {
  const lastDay = await getLastCompleteBillingDay(tx);
  const [first] = await queryRows<{ day: string | null }>(tx, sql`select min(day)::text as day from cost_line_items`);
  if (!lastDay || !first?.day) return null;
  const start = effectiveFrom > first.day ? effectiveFrom : first.day;
  return start > lastDay ? null : { start, end: addDays(lastDay, 1) };
}

async function teamTotals(tx: DbOrTx, window: DayWindow, measure: Measure): Promise<Map<string, string>> {
  const rows = await queryRows<{ teamId: string; amount: string }>(
    tx,
    sql`select ac.team_id as "teamId", sum(${measureColumn(measure)})::text as amount from attributed_costs ac
        where ${daysInWindow(window, "ac")} group by 1`,
  );
  return new Map(rows.map((row) => [row.teamId, row.amount]));
}

export function teamMoves(before: Map<string, string>, after: Map<string, string>): TeamMove[] {
  const teams = new Set([...before.keys(), ...after.keys()]);
  return [...teams]
    .map((teamId) => {
      const b = new Decimal(before.get(teamId) ?? 0);
      const a = new Decimal(after.get(teamId) ?? 0);
      return { teamId, before: b.toString(), after: a.toString(), delta: a.minus(b).toString() };
    })
    .filter((move) => !new Decimal(move.delta).isZero())
    .sort((x, y) => new Decimal(y.delta).abs().comparedTo(new Decimal(x.delta).abs()) || x.teamId.localeCompare(y.teamId));
}
