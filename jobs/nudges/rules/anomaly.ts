// Anomaly nudges: one per team x service with anomalous days in the recent window, naming the cause
// (account, usage type, resource when the line items have them). A team-level anomaly only becomes a
// nudge when no service of the team explains it.
import Decimal from "decimal.js";
import { dollars } from "../dollars";
import type { Anomaly } from "../anomalies";
import { DAYS_PER_MONTH, NUDGE_THRESHOLDS } from "../thresholds";
import type { Finding, NudgeInputs } from "../finding";

export const TEAM_TOTAL_SUBJECT = "all services";

export function anomalyRule(inputs: NudgeInputs): Finding[] {
  const groups = new Map<string, Anomaly[]>();
  for (const anomaly of inputs.anomalies) {
    const key = `${anomaly.teamId}|${anomaly.service ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), anomaly]);
  }
  const teamsWithService = new Set(inputs.anomalies.filter((a) => a.service !== null).map((a) => a.teamId));
  const findings: Finding[] = [];
  for (const days of groups.values()) {
    const first = days[0]!;
    if (first.service === null && teamsWithService.has(first.teamId)) continue;
    const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
    const worst = sorted.reduce((a, b) => (new Decimal(b.excess).gt(a.excess) ? b : a));
    // The excess of the recent window as a monthly rate: a one-day spike weighs 1/7 of a runaway week.
    const windowExcess = sorted.reduce((sum, a) => sum.plus(a.excess), new Decimal(0));
    const causes = first.service ? inputs.anomalyCauses.get(`${first.teamId}|${first.service}|${worst.day}`) : undefined;
    const subject = first.service ?? TEAM_TOTAL_SUBJECT;
    const account = causes?.accounts[0];
    const usageType = causes?.usageTypes[0];
    const where = [
      account ? `account ${inputs.accountNames.get(account.key) ?? account.key}` : null,
      usageType ? `usage type ${usageType.key}` : null,
      causes?.resources[0] ? `resource ${causes.resources[0].key}` : null,
    ].filter(Boolean);
    const ratioText = worst.ratio === null ? "from nothing" : `${new Decimal(worst.ratio).plus(1).toDecimalPlaces(1)}x its usual`;
    findings.push({
      rule: "anomaly",
      teamId: first.teamId,
      subject,
      title: `${subject} spend on ${worst.day} was ${ratioText} (+${dollars(new Decimal(worst.excess))})`,
      evidence: {
        service: first.service,
        days: sorted.map(({ day, actual, baseline, excess, ratio }) => ({ day, actual, baseline, excess, ratio })),
        worstDay: worst.day,
        baselineMethod: `median of the same weekday over the previous ${worst.baselineDays.length} weeks`,
        causes: causes ?? null,
      },
      monthlyAtStake: windowExcess.div(NUDGE_THRESHOLDS.anomalyWindowDays).times(DAYS_PER_MONTH).toFixed(2),
      action: `Check what changed in ${subject}${where.length ? ` (${where.join(", ")})` : ""} since ${sorted[0]!.day}; stop it if it is a runaway, or dismiss the nudge as expected.`,
    });
  }
  return findings;
}
