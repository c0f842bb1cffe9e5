// Recording a win and measuring it against the attributed costs (see win-measure.ts for the rules).
import { bumpReadModelVersion } from "../../db/read-model-version";
import { firstOfMonth, lastDayOfMonth, monthOf } from "../../db/calendar";
import type { DbOrTx } from "../../db/client";
import { getLastCompleteBillingDay } from "../../db/queries/billing-status";
import type { Measure } from "../../db/queries/measure";
import { getScopeCostRows, getWin, getWindowOperations, insertWin, listWins, type NewWin, type WinRow } from "../../db/queries/wins";
import { daySchema } from "../../db/period-schema";
import { logger } from "../logger";
import { measureWin, winWindows, type WinMeasurement } from "./win-measure";

const log = logger("wins");

export interface MeasuredWin {
  id: number;
  teamId: string;
  title: string;
  shippedOn: string;
  expectedMonthlySavingsUsd: string;
  service: string | null;
  accountId: string | null;
  recordedBy: string;
  recordedAt: string;
  measure: Measure;
  /** The win's badge: only a verified win earns one. */
  badge: boolean;
  measurement: WinMeasurement & { metric: string | null };
}

async function measureOne(db: DbOrTx, win: WinRow, measure: Measure, lastCompleteDay: string | null): Promise<MeasuredWin> {
  const windows = winWindows(win.shippedOn);
  // Whole months around both windows, so a charge billed on a month's 1st can be spread over its days.
  const range = { from: firstOfMonth(windows.before.from), to: lastDayOfMonth(monthOf(windows.after.to)) };
  const costs = await getScopeCostRows(db, { teamId: win.teamId, service: win.service, accountId: win.accountId, range, measure });
  const operations = await getWindowOperations(db, win.teamId, windows.before, windows.after);
  const measurement = measureWin({ shippedOn: win.shippedOn, expectedMonthlySavings: win.expectedMonthlySavingsUsd, lastCompleteDay, costs, operations });
  return {
    id: win.id,
    teamId: win.teamId,
    title: win.title,
    shippedOn: win.shippedOn,
    expectedMonthlySavingsUsd: win.expectedMonthlySavingsUsd,
    service: win.service,
    accountId: win.accountId,
    recordedBy: win.recordedBy,
    recordedAt: win.recordedAt.toISOString(),
    measure,
    badge: measurement.status === "verified",
    measurement: { ...measurement, metric: operations?.metric ?? null },
  };
}

/** Stored and measured in one transaction: a win that cannot be measured is not kept. */
export async function recordWin(db: DbOrTx, win: NewWin, measure: Measure): Promise<MeasuredWin> {
  return db.transaction(async (tx) => {
    const measured = await measureOne(tx, await insertWin(tx, win), measure, await getLastCompleteBillingDay(tx));
    await bumpReadModelVersion(tx); // the leaderboard and wins reads are cached (api/read-cache.ts)
    return measured;
  });
}

/**
 * A row stored before shipping days were bounded (year 9999, 0001) cannot be measured: it is left out
 * with a warning, so one bad row does not break the wins, the leaderboard and every business review.
 */
function measurable(row: WinRow): boolean {
  if (daySchema.safeParse(row.shippedOn).success) return true;
  log.warn({ winId: row.id, shippedOn: row.shippedOn }, "win left out: its shipping day is outside the supported calendar");
  return false;
}

export async function getMeasuredWins(db: DbOrTx, options: { teamId?: string; measure: Measure }): Promise<MeasuredWin[]> {
  const lastCompleteDay = await getLastCompleteBillingDay(db);
  const rows = (await listWins(db, options.teamId)).filter(measurable);
  const measured: MeasuredWin[] = [];
  for (const row of rows) measured.push(await measureOne(db, row, options.measure, lastCompleteDay));
  return measured;
}

export async function getMeasuredWin(db: DbOrTx, id: number, measure: Measure): Promise<MeasuredWin | null> {
  const row = await getWin(db, id);
  return row && measurable(row) ? measureOne(db, row, measure, await getLastCompleteBillingDay(db)) : null;
}
