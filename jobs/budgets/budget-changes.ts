// Writes to budgets: a CSV import (idempotent upsert), one edit, and an approval. Every change that
// moves a number leaves an audit row with the state before and after, in the same transaction.
import { readFileSync, existsSync } from "node:fs";
import { basename, join } from "node:path";
import Decimal from "decimal.js";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { budgetApprovals, budgetAudit, teamBudgets, teams } from "../../db/schema";
import { ImportError } from "../imports/import-error";
import { parseBudgetCsv } from "./budget-csv";
import { bumpReadModelVersion } from "../../db/read-model-version";

export class BudgetChangeError extends Error {
  constructor(
    readonly code: "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT",
    message: string,
  ) {
    super(message);
  }
}

export interface BudgetImportResult {
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

const monthDate = (month: string) => `${month}-01`;
const sameAmount = (a: string, b: string) => new Decimal(a).equals(b);

/** Validates the whole file (teams included) before writing; throws ImportError having written nothing. */
export async function importBudgetCsv(db: DbOrTx, fileName: string, content: string | Buffer, actor: string): Promise<BudgetImportResult> {
  const rows = parseBudgetCsv(fileName, content);
  return db.transaction(async (tx) => {
    const known = new Set((await tx.select({ id: teams.id }).from(teams).where(eq(teams.kind, "team"))).map((t) => t.id));
    const unknown = rows.find((row) => !known.has(row.teamId));
    if (unknown) throw new ImportError(fileName, unknown.line, "team", `no team "${unknown.teamId}" (budgets are set on teams; groups and orgs roll up)`);
    const months = [...new Set(rows.map((row) => monthDate(row.month)))];
    const existing = months.length === 0 ? [] : await tx.select().from(teamBudgets).where(inArray(teamBudgets.month, months));
    const before = new Map(existing.map((b) => [`${b.month}|${b.teamId}`, b]));
    const result: BudgetImportResult = { file: fileName, rows: rows.length, inserted: 0, updated: 0, unchanged: 0 };
    const source = `csv:${fileName}`;
    for (const row of rows) {
      const current = before.get(`${monthDate(row.month)}|${row.teamId}`);
      if (current && sameAmount(current.budgetUsd, row.budgetUsd)) {
        result.unchanged += 1;
        continue;
      }
      await upsert(tx, row.month, row.teamId, row.budgetUsd, source, actor);
      await tx.insert(budgetAudit).values({
        actor,
        action: "budget.import",
        month: monthDate(row.month),
        teamId: row.teamId,
        before: current ? { budgetUsd: current.budgetUsd, source: current.source } : null,
        after: { budgetUsd: row.budgetUsd, source },
      });
      result[current ? "updated" : "inserted"] += 1;
    }
    await bumpReadModelVersion(tx);
    return result;
  });
}

export async function importBudgetFile(db: DbOrTx, path: string, actor: string): Promise<BudgetImportResult> {
  return importBudgetCsv(db, basename(path), readFileSync(path), actor);
}

/** The demo's budgets.csv, only into an empty table, so edits made later survive a restart. */
export async function loadDemoBudgets(db: DbOrTx, demoDir: string): Promise<BudgetImportResult | null> {
  const path = join(demoDir, "budgets.csv");
  if (!existsSync(path)) return null;
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(teamBudgets);
  return row && Number(row.n) > 0 ? null : importBudgetFile(db, path, "demo");
}

/** Sets one team-month budget (an edit in the UI or a PUT); audited when the amount changes. */
export async function setBudget(db: DbOrTx, input: { month: string; teamId: string; budgetUsd: string }, actor: string) {
  return db.transaction(async (tx) => {
    const [team] = await tx.select().from(teams).where(eq(teams.id, input.teamId));
    if (!team) throw new BudgetChangeError("NOT_FOUND", `No team "${input.teamId}"`);
    if (team.kind !== "team") throw new BudgetChangeError("BAD_REQUEST", `"${input.teamId}" is a ${team.kind}: budgets are set on teams and roll up`);
    const [current] = await tx.select().from(teamBudgets).where(and(eq(teamBudgets.month, monthDate(input.month)), eq(teamBudgets.teamId, input.teamId)));
    if (current && sameAmount(current.budgetUsd, input.budgetUsd)) return { budget: current, changed: false };
    const budget = await upsert(tx, input.month, input.teamId, input.budgetUsd, "api", actor);
    await tx.insert(budgetAudit).values({
      actor,
      action: "budget.update",
      month: monthDate(input.month),
      teamId: input.teamId,
      before: current ? { budgetUsd: current.budgetUsd, source: current.source } : null,
      after: { budgetUsd: input.budgetUsd, source: "api" },
    });
    await bumpReadModelVersion(tx);
    return { budget, changed: true };
  });
}

export interface ApprovalInput {
  month: string;
  teamId: string;
  reason: string;
  measure: string;
  budgetUsd: string;
  forecastUsd: string;
  threshold: string;
}

/** Records a sign-off with the figures it was given on, and its audit row. */
export async function recordApproval(db: DbOrTx, input: ApprovalInput, actor: string) {
  return db.transaction(async (tx) => {
    const [approval] = await tx
      .insert(budgetApprovals)
      .values({ month: monthDate(input.month), teamId: input.teamId, actor, reason: input.reason, measure: input.measure, budgetUsd: input.budgetUsd, forecastUsd: input.forecastUsd, thresholdPct: input.threshold })
      .returning();
    await tx.insert(budgetAudit).values({ actor, action: "approval.create", month: monthDate(input.month), teamId: input.teamId, before: null, after: approval });
    await bumpReadModelVersion(tx);
    return approval!;
  });
}

async function upsert(tx: DbOrTx, month: string, teamId: string, budgetUsd: string, source: string, actor: string) {
  const values = { month: monthDate(month), teamId, budgetUsd, source, updatedBy: actor, updatedAt: new Date() };
  const [row] = await tx
    .insert(teamBudgets)
    .values(values)
    .onConflictDoUpdate({ target: [teamBudgets.month, teamBudgets.teamId], set: { budgetUsd, source, updatedBy: actor, updatedAt: values.updatedAt } })
    .returning();
  return row!;
}
