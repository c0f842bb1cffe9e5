// budgets.csv (month, team, budget_usd) into typed rows. The first problem names the file, line and
// column, and nothing is written (invariant I6). Team ids are checked against the database on import.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { monthSchema } from "../../db/period-schema";
import { ImportError } from "../imports/import-error";

export const BUDGET_COLUMNS = ["month", "team", "budget_usd"] as const;

export const budgetRowSchema = z.object({
  month: z.string().trim().pipe(monthSchema),
  team: z.string().trim().min(1, "expected a team id").max(100),
  budget_usd: z
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,6})?$/, "expected a non-negative amount in USD like 1234.50"),
});

export interface BudgetRow {
  line: number; // 1-based line in the file (the header is line 1)
  month: string; // YYYY-MM
  teamId: string;
  budgetUsd: string;
}

export function parseBudgetCsv(fileName: string, content: string | Buffer): BudgetRow[] {
  let header: string[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, { bom: true, info: true, skip_empty_lines: true, columns: (names: string[]) => (header = names.map((n) => n.trim())) }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new ImportError(fileName, e.lines ?? null, null, e.message);
  }
  if (header.length === 0) throw new ImportError(fileName, 1, null, "the file is empty: expected a header row month,team,budget_usd");
  const missing = BUDGET_COLUMNS.find((column) => !header.includes(column));
  if (missing) throw new ImportError(fileName, 1, missing, `missing column (a budgets file has ${BUDGET_COLUMNS.join(", ")})`);
  const unknown = header.find((column) => !(BUDGET_COLUMNS as readonly string[]).includes(column));
  if (unknown !== undefined) throw new ImportError(fileName, 1, unknown, `unknown column (a budgets file has ${BUDGET_COLUMNS.join(", ")})`);

  const seen = new Map<string, number>();
  return records.map(({ record, info }) => {
    const result = budgetRowSchema.safeParse(record);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new ImportError(fileName, info.lines, String(issue.path[0] ?? "(row)"), issue.message);
    }
    const key = `${result.data.month}|${result.data.team}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new ImportError(fileName, info.lines, null, `repeats the row on line ${earlier} (same month and team)`);
    seen.set(key, info.lines);
    return { line: info.lines, month: result.data.month, teamId: result.data.team, budgetUsd: result.data.budget_usd };
  });
}
