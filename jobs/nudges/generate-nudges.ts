// One generation run: load the inputs once, run every rule, plan the lifecycle against the
// unresolved nudges and apply it in one transaction. `today` is the last complete billing day.
import type { DbOrTx } from "../../db/client";
import { listActiveNudges, applyNudgePlan } from "./nudge-store";
import { loadNudgeInputs } from "./load-inputs";
import { planNudges } from "./lifecycle";
import { RULES } from "./rules";
import type { Finding, NudgeInputs } from "./finding";
import { bumpReadModelVersion } from "../../db/read-model-version";

export function runRules(inputs: NudgeInputs): Finding[] {
  return RULES.flatMap((rule) => rule(inputs));
}

export interface GenerationResult {
  today: string;
  findings: number;
  created: number;
  refreshed: number;
  reopened: number;
  resolved: number;
  byRule: Record<string, number>;
}

export async function generateNudges(db: DbOrTx, today: string): Promise<GenerationResult> {
  const inputs = await loadNudgeInputs(db, today);
  const findings = runRules(inputs);
  const byRule: Record<string, number> = {};
  for (const finding of findings) byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  const counts = await db.transaction(async (tx) => {
    const applied = await applyNudgePlan(tx, planNudges(await listActiveNudges(tx), findings, today), today);
    await bumpReadModelVersion(tx);
    return applied;
  });
  return { today, findings: findings.length, ...counts, byRule };
}
