// Rules made in the UI or API: overrides tried before the file's rules (priority 1-999). A change
// never edits a row: it closes the rule in force from its date and opens the new one.
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { daySchema } from "../../db/period-schema";
import type { DbOrTx } from "../../db/client";
import { ownershipAudit, ownershipRules, ownershipVersions, teams, UNATTRIBUTED_TEAM_ID } from "../../db/schema";
import { isValidResourcePattern, resourcePatternRegex } from "./resource-pattern";

export const API_RULE_SOURCE = "api";

export class RuleChangeError extends Error {
  constructor(
    readonly code: "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT",
    message: string,
  ) {
    super(message);
  }
}

const day = daySchema;
export const ruleInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("tag"), tagValue: z.string().trim().min(1).max(200) }),
  z.object({ kind: z.literal("account"), accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id") }),
  z.object({ kind: z.literal("service"), service: z.string().min(1).max(200) }),
  z.object({ kind: z.literal("resource"), resourcePattern: z.string().min(3).max(500) }),
]).and(z.object({ teamId: z.string().min(1), priority: z.number().int().min(1).max(999), effectiveFrom: day }));

export type RuleInput = z.infer<typeof ruleInputSchema>;

type RuleRow = typeof ownershipRules.$inferSelect;

export async function createRule(tx: DbOrTx, input: RuleInput, actor: string) {
  await checkRule(tx, input, null);
  const versionId = await newVersion(tx, input.effectiveFrom, actor);
  const [rule] = await tx.insert(ownershipRules).values({ ...ruleColumns(input), validFrom: input.effectiveFrom, source: API_RULE_SOURCE, versionId }).returning();
  await tx.insert(ownershipAudit).values({ actor, action: "rule.create", versionId, before: null, after: rule });
  return { effectiveFrom: input.effectiveFrom, result: rule! };
}

export async function updateRule(tx: DbOrTx, id: number, input: RuleInput, actor: string) {
  const current = await ruleInForce(tx, id);
  await checkRule(tx, input, id);
  const versionId = await newVersion(tx, input.effectiveFrom, actor);
  await endRule(tx, current, input.effectiveFrom);
  const [rule] = await tx.insert(ownershipRules).values({ ...ruleColumns(input), validFrom: input.effectiveFrom, source: API_RULE_SOURCE, versionId }).returning();
  await tx.insert(ownershipAudit).values({ actor, action: "rule.update", versionId, before: current, after: rule });
  return { effectiveFrom: input.effectiveFrom, result: rule! };
}

export async function deleteRule(tx: DbOrTx, id: number, effectiveFrom: string, actor: string) {
  const current = await ruleInForce(tx, id);
  const versionId = await newVersion(tx, effectiveFrom, actor);
  await endRule(tx, current, effectiveFrom);
  await tx.insert(ownershipAudit).values({ actor, action: "rule.delete", versionId, before: current, after: { validTo: effectiveFrom } });
  return { effectiveFrom, result: { id, validTo: effectiveFrom } };
}

async function ruleInForce(tx: DbOrTx, id: number): Promise<RuleRow> {
  const [rule] = await tx.select().from(ownershipRules).where(and(eq(ownershipRules.id, id), isNull(ownershipRules.validTo)));
  if (!rule) throw new RuleChangeError("NOT_FOUND", `No rule ${id} in force`);
  if (rule.source !== API_RULE_SOURCE) throw new RuleChangeError("BAD_REQUEST", `Rule ${id} comes from ${rule.source}: change it there`);
  return rule;
}

/** A rule that has not started by `from` is removed; one that has is closed on that day. */
async function endRule(tx: DbOrTx, rule: RuleRow, from: string) {
  if (rule.validFrom >= from) await tx.delete(ownershipRules).where(eq(ownershipRules.id, rule.id));
  else await tx.update(ownershipRules).set({ validTo: from }).where(eq(ownershipRules.id, rule.id));
}

async function checkRule(tx: DbOrTx, input: RuleInput, replacing: number | null) {
  const [team] = await tx.select().from(teams).where(eq(teams.id, input.teamId));
  if (!team || team.kind !== "team" || team.id === UNATTRIBUTED_TEAM_ID) throw new RuleChangeError("BAD_REQUEST", `body field "teamId": unknown team "${input.teamId}"`);
  if (input.kind === "resource" && !isValidResourcePattern(input.resourcePattern)) {
    throw new RuleChangeError("BAD_REQUEST", `body field "resourcePattern": invalid pattern "${input.resourcePattern}" (a glob of printable characters, * and ?)`);
  }
  const conflict = await tx
    .select({ id: ownershipRules.id })
    .from(ownershipRules)
    .where(and(eq(ownershipRules.priority, input.priority), isNull(ownershipRules.validTo), replacing === null ? sql`true` : ne(ownershipRules.id, replacing)));
  if (conflict.length > 0) throw new RuleChangeError("CONFLICT", `body field "priority": rule ${conflict[0]!.id} already has priority ${input.priority}`);
}

function ruleColumns(input: RuleInput) {
  return {
    kind: input.kind,
    priority: input.priority,
    teamId: input.teamId,
    tagValue: input.kind === "tag" ? input.tagValue.toLowerCase() : null,
    accountId: input.kind === "account" ? input.accountId : null,
    service: input.kind === "service" ? input.service : null,
    resourcePattern: input.kind === "resource" ? input.resourcePattern : null,
    resourceRegex: input.kind === "resource" ? resourcePatternRegex(input.resourcePattern) : null,
  };
}

async function newVersion(tx: DbOrTx, effectiveFrom: string, actor: string): Promise<number> {
  const [version] = await tx.insert(ownershipVersions).values({ source: API_RULE_SOURCE, effectiveFrom, actor }).returning({ id: ownershipVersions.id });
  return version!.id;
}
