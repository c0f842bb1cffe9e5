// Idle or orphaned resources from the Tagging API inventory: resources the latest sync no longer saw
// (deleted, or moved; any line item still naming them is a leak) and resources with no owner tag.
// Cost comes from the line items that name a resource (CUR/FOCUS exports do; Cost Explorer does not).
import Decimal from "decimal.js";
import { dollars } from "../dollars";
import { NUDGE_THRESHOLDS, DAYS_PER_MONTH } from "../thresholds";
import type { ResourceRow } from "../../../db/queries/nudge-inputs";
import type { Finding, NudgeInputs } from "../finding";

const sample = (rows: ResourceRow[]) => rows.slice(0, 10).map(({ arn, service, lastSeenAt, cost }) => ({ arn, service, lastSeenAt, cost }));

function costOf(rows: ResourceRow[]): { known: boolean; total: Decimal } {
  const costs = rows.map((row) => row.cost).filter((cost): cost is string => cost !== null);
  return { known: costs.length > 0, total: costs.reduce((sum, cost) => sum.plus(cost), new Decimal(0)) };
}

function finding(teamId: string, kind: "stale" | "untagged", accountId: string, rows: ResourceRow[], accountName: string): Finding {
  const { known, total } = costOf(rows);
  const { lookbackDays } = NUDGE_THRESHOLDS.idle;
  const monthly = total.div(lookbackDays).times(DAYS_PER_MONTH);
  const noun = `${rows.length} resource${rows.length === 1 ? "" : "s"}`;
  return {
    rule: "idle-resources",
    teamId,
    subject: `${kind} resources in ${accountId}`,
    title:
      kind === "stale"
        ? `${noun} in ${accountName} no longer seen by the Tagging API${known ? ` still cost ${dollars(monthly)}/month` : ""}`
        : `${noun} in ${accountName} ${rows.length === 1 ? "has" : "have"} no owner tag${known ? ` (${dollars(monthly)}/month)` : ""}`,
    evidence: { kind, accountId, accountName, count: rows.length, costKnown: known, lookbackDays, cost: known ? total.toFixed(2) : null, resources: sample(rows) },
    monthlyAtStake: monthly.toFixed(2),
    action:
      kind === "stale"
        ? "Check that these resources are really gone; anything still billed under their ids is orphaned: delete it."
        : "Add the owner tag to these resources (or delete them if nobody needs them).",
  };
}

export function idleResourcesRule(inputs: NudgeInputs): Finding[] {
  const groups = new Map<string, ResourceRow[]>();
  for (const row of inputs.resources) {
    const kind = row.stale ? "stale" : row.hasOwnerTag ? null : "untagged";
    if (!kind) continue;
    const key = `${row.teamId}|${kind}|${row.accountId}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.entries()].map(([key, rows]) => {
    const [teamId, kind, accountId] = key.split("|") as [string, "stale" | "untagged", string];
    const sorted = [...rows].sort((a, b) => new Decimal(b.cost ?? 0).comparedTo(a.cost ?? 0) || a.arn.localeCompare(b.arn));
    return finding(teamId, kind, accountId, sorted, inputs.accountNames.get(accountId) ?? accountId);
  });
}
