// Applies ownership metadata in one transaction. Teams and environment mappings are replaced;
// owner-tag keys, rules, shared-cost pools and the org tree are effective-dated: a change becomes a new
// version from its date, so attribution before that date stays exactly as it was.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { accounts, clusterRules, environmentTagValues, ownershipAudit, ownershipRules, ownershipVersions, sharedCostPools, teamParents, teams } from "../../db/schema";
import type { Ownership } from "./ownership-schema";
import { ownershipRows, type OwnershipRows } from "./ownership-rows";
import { planRowChanges, hasChanges } from "./effective-dating";
import { bumpReadModelVersion } from "../../db/read-model-version";
import { changeOwnerTagKeys } from "./owner-tag-key-changes";
import { clusterRuleKey, clusterRuleRows } from "./cluster-rule-rows";

export const OWNERSHIP_FILE_SOURCE = "ownership-file";

export interface ApplyOptions {
  source: string;
  actor: string;
  /** When the change takes effect; default: all history for a first version, else `today`. */
  effectiveFrom?: string;
  today: string;
}

export interface ApplyResult {
  versionId: number | null; // null when nothing changed
  effectiveFrom: string | null;
  changes: { rulesClosed: number; rulesOpened: number; poolsClosed: number; poolsOpened: number; treeMoves: number; ownerTagKeysChanged: boolean };
}

const ruleKey = (r: OwnershipRows["rules"][number]) =>
  JSON.stringify([r.priority, r.kind, r.tagValue ?? null, r.accountId ?? null, r.service ?? null, r.resourcePattern ?? null, r.teamId]);
const poolKey = (p: OwnershipRows["pools"][number]) =>
  JSON.stringify([p.poolKey, p.name, p.priority, p.recordTypes ?? null, p.services ?? null, p.accounts ?? null, p.residue, p.method, p.period, p.weights ?? null, p.teamIds ?? null]);
const parentKey = (p: { childId: string; parentId: string }) => `${p.childId}>${p.parentId}`;

export async function applyOwnership(db: Db | DbOrTx, ownership: Ownership, options: ApplyOptions): Promise<ApplyResult> {
  const rows = ownershipRows(ownership);
  return db.transaction(async (tx) => {
    await replaceReferenceData(tx, rows);
    await bumpReadModelVersion(tx); // team names and tag spellings may have changed even without new rules
    const currentRules = await tx.select().from(ownershipRules).where(and(eq(ownershipRules.source, options.source), isNull(ownershipRules.validTo)));
    const currentPools = await tx.select().from(sharedCostPools).where(and(eq(sharedCostPools.source, options.source), isNull(sharedCostPools.validTo)));
    const currentParents = await tx.select().from(teamParents).where(isNull(teamParents.validTo));
    const currentClusterRules = await tx.select().from(clusterRules).where(and(eq(clusterRules.source, options.source), isNull(clusterRules.validTo)));
    const firstVersion = currentRules.length + currentPools.length + currentParents.length + currentClusterRules.length === 0;
    const from = options.effectiveFrom ?? ownership.effectiveFrom ?? (firstVersion ? "1970-01-01" : options.today);

    const rules = planRowChanges(currentRules, rows.rules, ruleKey, ruleKey, from);
    const pools = planRowChanges(currentPools, rows.pools, poolKey, poolKey, from);
    const parents = planRowChanges(currentParents, rows.parents, parentKey, parentKey, from);
    const clusters = planRowChanges(currentClusterRules, clusterRuleRows(ownership), clusterRuleKey, clusterRuleKey, from);
    const ownerTagKeysChanged = await changeOwnerTagKeys(tx, rows.ownerTagKeys, from);
    const changes = { rulesClosed: rules.close.length + rules.drop.length, rulesOpened: rules.open.length, poolsClosed: pools.close.length + pools.drop.length, poolsOpened: pools.open.length, treeMoves: parents.open.length, ownerTagKeysChanged };
    if (!hasChanges(rules) && !hasChanges(pools) && !hasChanges(parents) && !hasChanges(clusters) && !ownerTagKeysChanged) return { versionId: null, effectiveFrom: null, changes };

    const [version] = await tx
      .insert(ownershipVersions)
      .values({ source: options.source, effectiveFrom: from, actor: options.actor })
      .returning({ id: ownershipVersions.id });
    const versionId = version!.id;
    if (rules.close.length) await tx.update(ownershipRules).set({ validTo: from }).where(inArray(ownershipRules.id, rules.close));
    if (rules.drop.length) await tx.delete(ownershipRules).where(inArray(ownershipRules.id, rules.drop));
    if (rules.open.length) await tx.insert(ownershipRules).values(rules.open.map((r) => ({ ...r, validFrom: from, source: options.source, versionId })));
    if (pools.close.length) await tx.update(sharedCostPools).set({ validTo: from }).where(inArray(sharedCostPools.id, pools.close));
    if (pools.drop.length) await tx.delete(sharedCostPools).where(inArray(sharedCostPools.id, pools.drop));
    if (pools.open.length) await tx.insert(sharedCostPools).values(pools.open.map((p) => ({ ...p, validFrom: from, source: options.source, versionId })));
    if (parents.close.length) await tx.update(teamParents).set({ validTo: from }).where(inArray(teamParents.id, parents.close));
    if (parents.drop.length) await tx.delete(teamParents).where(inArray(teamParents.id, parents.drop));
    if (parents.open.length) await tx.insert(teamParents).values(parents.open.map((p) => ({ ...p, validFrom: from })));
    if (clusters.close.length) await tx.update(clusterRules).set({ validTo: from }).where(inArray(clusterRules.id, clusters.close));
    if (clusters.drop.length) await tx.delete(clusterRules).where(inArray(clusterRules.id, clusters.drop));
    if (clusters.open.length) await tx.insert(clusterRules).values(clusters.open.map((r) => ({ ...r, validFrom: from, source: options.source, versionId })));
    await tx.insert(ownershipAudit).values({
      actor: options.actor,
      action: `${options.source}.apply`,
      versionId,
      before: { rules: currentRules.length, pools: currentPools.length },
      after: { effectiveFrom: from, ...changes },
    });
    return { versionId, effectiveFrom: from, changes };
  });
}

/** Rows that are not dated: names, environment mappings. */
async function replaceReferenceData(tx: DbOrTx, rows: OwnershipRows) {
  for (const team of rows.teams) {
    await tx
      .insert(teams)
      .values(team)
      .onConflictDoUpdate({ target: teams.id, set: { name: team.name, kind: team.kind, slackChannel: team.slackChannel ?? null, contact: team.contact ?? null, updatedAt: new Date() } });
  }
  await tx.delete(environmentTagValues);
  if (rows.environmentTagValues.length) await tx.insert(environmentTagValues).values(rows.environmentTagValues);
  for (const account of rows.accountEnvironments) {
    await tx
      .insert(accounts)
      .values({ id: account.id, name: account.id, environment: account.environment })
      .onConflictDoUpdate({ target: accounts.id, set: { environment: account.environment } });
  }
}
