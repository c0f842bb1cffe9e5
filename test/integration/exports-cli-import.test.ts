// `npm run cli -- import` with no AWS credentials, as a company with exports only runs it: the
// exports are imported, and nothing of the demo (budgets, business inputs, ownership) is written
// into the company's database; the demo is then refused on that database.
import { execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Database } from "../../db/client";
import { createTestDatabase, usesPostgres, type TestDatabase } from "../support/test-database";
import { EXPORTS_OWNERSHIP_YAML, writeCompanyExports } from "../support/exports-company";
import { storedTotals } from "../support/import-totals";

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), "tallyboard-cli-import-"));
const exportsDir = join(root, "exports");
mkdirSync(exportsDir);
const bill = writeCompanyExports(exportsDir);
writeFileSync(join(root, "ownership.yaml"), EXPORTS_OWNERSHIP_YAML);

let testDatabase: TestDatabase | null = null;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (usesPostgres) testDatabase = await createTestDatabase();
  env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_") && name !== "TALLYBOARD_SOURCE" && name !== "DATABASE_URL"));
  Object.assign(env, { LOG_LEVEL: "silent", OWNERSHIP_FILE: join(root, "ownership.yaml"), DATA_DIR: join(root, "data") });
  if (testDatabase?.target.kind === "postgres") env.DATABASE_URL = testDatabase.target.url;
});
afterAll(() => testDatabase?.drop());

async function inspect<T>(read: (database: Database) => Promise<T>): Promise<T> {
  const database = testDatabase ?? (await openDatabase({ kind: "pglite", dataDir: join(root, "data", "pglite") }));
  try {
    return await read(database);
  } finally {
    if (!testDatabase) await database.close();
  }
}

it("imports the exports without AWS credentials and writes no demo input", async () => {
  const { stdout } = await run("npx", ["tsx", "jobs/cli.ts", "import", exportsDir], { env, cwd: process.cwd() });
  expect(stdout).toContain(`succeeded 2026-10-01..${bill.lastDay}, ${bill.rows} rows written`);
  // The data-quality report follows, totals to hold against the invoice first.
  expect(stdout).toContain(`data quality: ${bill.rows} rows, 2 billing period(s)`);
  expect(stdout).toContain(`period 2026-10: ${31 * 4 + 1} rows, unblended ${bill.byPeriod["2026-10-01"]}`); // 4 resources a day and the tax
  expect(stdout).toContain("tag keys: env, owner (owner key), team (owner key)");
  const written = await inspect(async (database) => {
    const [counts] = await queryRows<Record<string, number>>(
      database.db,
      sql`select (select count(*)::int from team_budgets) as budgets, (select count(*)::int from product_operations) as operations,
                 (select count(*)::int from headcount) as headcount, (select count(*)::int from revenue_months) as revenue,
                 (select count(*)::int from vendors) as vendors, (select count(*)::int from metric_goals) as goals,
                 (select count(*)::int from job_runs where source = 'demo') as "demoRuns"`,
    );
    const teams = await queryRows<{ id: string }>(database.db, sql`select id from teams where kind = 'team' order by id`);
    const [origin] = await queryRows<{ kind: string }>(database.db, sql`select kind from data_origin`);
    return { counts, teams: teams.map((team) => team.id), origin: origin?.kind, totals: await storedTotals(database.db, "cur") };
  });
  expect(written.counts).toEqual({ budgets: 0, operations: 0, headcount: 0, revenue: 0, vendors: 0, goals: 0, demoRuns: 0 });
  expect(written.teams).toEqual(["payments", "platform", "search", "unattributed"]); // the company's file, not the demo's 20 teams
  expect(written.origin).toBe("company");
  expect(written.totals).toMatchObject({ rows: bill.rows, unblended: bill.total });
}, 400_000);

it("the demo is refused on the company's database, naming the setting", async () => {
  const failure = await run("npx", ["tsx", "jobs/cli.ts", "status"], { env: { ...env, TALLYBOARD_SOURCE: "demo" }, cwd: process.cwd() }).catch((error: { code: number; stderr: string }) => error);
  expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining("TALLYBOARD_SOURCE: ") });
  expect((failure as { stderr: string }).stderr).toContain("holds a company's own billing: the demo (budgets, business inputs, ownership) is never loaded into it");
  const budgets = await inspect((database) => queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from team_budgets`));
  expect(budgets[0]!.n).toBe(0);
}, 400_000);
