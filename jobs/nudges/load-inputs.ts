// Loads everything the rules read once, detects anomalies on it, and fetches the causes of those.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import { addDays } from "../../db/calendar";
import { loadTeamServiceDays } from "../../db/queries/anomaly-series";
import { loadAnomalyCauseRows } from "../../db/queries/anomaly-causes";
import { loadBudgets, loadCoverageRows, loadNames, loadResourceRows, loadUntaggedSpend } from "../../db/queries/nudge-inputs";
import { detectAnomalies, rankCauses, type Anomaly, type DailySeries } from "./anomalies";
import type { AnomalyCauses, NudgeInputs } from "./finding";
import { COMMITMENT_SERVICES, NUDGE_THRESHOLDS } from "./thresholds";
import { loadCommitmentExpiries } from "../commitments/expiry-exposure";
import { coveredUsageRate } from "../commitments/get-commitments";
import { loadClusterNudgeInputs } from "./load-cluster-inputs";

/** 9 weeks of history: the anomaly window plus 8 same-weekday baseline points. */
const HISTORY_DAYS = 7 * 9 + NUDGE_THRESHOLDS.anomalyWindowDays;

function seriesFrom(rows: Array<{ day: string; teamId: string; service: string | null; amount: string }>): DailySeries[] {
  const byKey = new Map<string, DailySeries>();
  for (const row of rows) {
    const key = `${row.teamId}|${row.service ?? ""}`;
    const series = byKey.get(key) ?? { teamId: row.teamId, service: row.service, amounts: new Map<string, string>() };
    series.amounts.set(row.day, new Decimal(series.amounts.get(row.day) ?? "0").plus(row.amount).toString());
    byKey.set(key, series);
  }
  return [...byKey.values()];
}

async function causesOf(db: DbOrTx, anomalies: Anomaly[], accountNames: Map<string, string>): Promise<Map<string, AnomalyCauses>> {
  // One cause per team x service: its worst day, which is what the nudge names.
  const worst = new Map<string, Anomaly>();
  for (const anomaly of anomalies) {
    if (!anomaly.service) continue;
    const key = `${anomaly.teamId}|${anomaly.service}`;
    const current = worst.get(key);
    if (!current || new Decimal(anomaly.excess).gt(current.excess)) worst.set(key, anomaly);
  }
  const causes = new Map<string, AnomalyCauses>();
  for (const anomaly of worst.values()) {
    const rows = await loadAnomalyCauseRows(db, { teamId: anomaly.teamId, service: anomaly.service!, days: [anomaly.day, ...anomaly.baselineDays] });
    causes.set(`${anomaly.teamId}|${anomaly.service}|${anomaly.day}`, {
      accounts: rankCauses(rows.accounts, anomaly.day, anomaly.baselineDays).map((cause) => ({ ...cause, label: accountNames.get(cause.key) })),
      usageTypes: rankCauses(rows.usageTypes, anomaly.day, anomaly.baselineDays),
      resources: rankCauses(rows.resources, anomaly.day, anomaly.baselineDays),
    });
  }
  return causes;
}

export async function loadNudgeInputs(db: DbOrTx, today: string): Promise<NudgeInputs> {
  const firstDay = addDays(today, -HISTORY_DAYS + 1);
  const rows = await loadTeamServiceDays(db, firstDay, today);
  const teamServiceDaily = seriesFrom(rows.map((r) => ({ day: r.day, teamId: r.teamId, service: r.service, amount: r.usage })));
  const teamUsageDaily = seriesFrom(rows.map((r) => ({ day: r.day, teamId: r.teamId, service: null, amount: r.usage })));
  const teamTotalDaily = seriesFrom(rows.map((r) => ({ day: r.day, teamId: r.teamId, service: null, amount: r.total })));
  const window = { from: addDays(today, -NUDGE_THRESHOLDS.anomalyWindowDays + 1), to: today, firstDay };
  const anomalies = detectAnomalies([...teamUsageDaily, ...teamServiceDaily], window);
  const names = await loadNames(db);
  const lookback = addDays(today, -NUDGE_THRESHOLDS.untagged.lookbackDays + 1);
  const untagged = await loadUntaggedSpend(db, lookback, today);
  return {
    today,
    firstDay,
    teamNames: names.teams,
    accountNames: names.accounts,
    teamDaily: teamUsageDaily,
    teamTotalDaily,
    teamServiceDaily,
    anomalies,
    anomalyCauses: await causesOf(db, anomalies, names.accounts),
    budgets: await loadBudgets(db, today),
    untagged: untagged.map((row) => ({ ...row, accountName: names.accounts.get(row.accountId) ?? row.accountId })),
    resources: await loadResourceRows(db, today, NUDGE_THRESHOLDS.idle.lookbackDays),
    coverage: await loadCoverageRows(db, addDays(today, -NUDGE_THRESHOLDS.coverage.lookbackDays + 1), today, COMMITMENT_SERVICES),
    coveredUsageRate: (await coveredUsageRate(db)).toString(),
    commitmentExpiries: await loadCommitmentExpiries(db, today),
    clusters: await loadClusterNudgeInputs(db, today),
  };
}
