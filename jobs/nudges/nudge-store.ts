// Writes of the nudge lifecycle: the unresolved nudges the plan starts from, and applying a plan.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { nudges } from "../../db/schema/nudges";
import { fingerprintOf, type Finding } from "./finding";
import type { ActiveNudge, NudgePlan } from "./lifecycle";

export async function listActiveNudges(db: DbOrTx): Promise<ActiveNudge[]> {
  const rows = await db
    .select({ id: nudges.id, fingerprint: nudges.fingerprint, status: nudges.status, snoozedUntil: nudges.snoozedUntil })
    .from(nudges)
    .where(ne(nudges.status, "resolved"));
  return rows as ActiveNudge[];
}

const content = (finding: Finding) => ({
  title: finding.title,
  evidence: finding.evidence,
  monthlyAtStake: finding.monthlyAtStake,
  action: finding.action,
});

export async function applyNudgePlan(db: DbOrTx, plan: NudgePlan, today: string): Promise<{ created: number; refreshed: number; reopened: number; resolved: number }> {
  if (plan.create.length > 0) {
    await db.insert(nudges).values(
      plan.create.map((finding) => ({
        fingerprint: fingerprintOf(finding),
        rule: finding.rule,
        teamId: finding.teamId,
        subject: finding.subject,
        ...content(finding),
        firstSeenDay: today,
        lastSeenDay: today,
      })),
    );
  }
  for (const { id, finding, reopen } of plan.refresh) {
    const reopening = reopen ? { status: "open" as const, snoozedUntil: null, openings: sql`${nudges.openings} + 1` } : {};
    await db.update(nudges).set({ ...content(finding), lastSeenDay: today, ...reopening }).where(eq(nudges.id, id));
  }
  if (plan.resolve.length > 0) {
    await db
      .update(nudges)
      .set({ status: "resolved", resolvedDay: today })
      .where(and(inArray(nudges.id, plan.resolve), ne(nudges.status, "resolved")));
  }
  return { created: plan.create.length, refreshed: plan.refresh.length, reopened: plan.refresh.filter((r) => r.reopen).length, resolved: plan.resolve.length };
}
