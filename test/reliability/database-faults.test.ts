// Faults on the database side, on PostgreSQL: every connection of the sync terminated in the middle
// of its write transaction (what a server restart does to a client), and the import process killed
// with SIGKILL in the middle of its COPY. Nothing half-written, nothing counted twice, the run
// shows what happened, and the next run completes with the exact totals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Decimal from "decimal.js";
import postgres from "postgres";
import { desc, eq, sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { jobRuns } from "../../db/schema";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts, type CostSyncOptions } from "../../jobs/sync/sync-costs";
import { sampleRows } from "../fake-aws/sample-data";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { FakeBilling, ownership, sumBy } from "../support/sync-harness";
import { generateCur } from "../bench/generate-cur";
import { figureRecorder } from "./figures";

const TODAY = "2026-11-21";
const rows = sampleRows({ start: "2026-09-01", days: 81 });
const options: CostSyncOptions = { restatementDays: 5, historyMonths: 13, retry: { retries: 0, baseDelayMs: 1 }, window: { start: "2026-09-01", end: TODAY } };
const figures = figureRecorder("database-faults");
const IMPORT_ROWS = 200_000;

let database: TestDatabase;
let billing: FakeBilling;
let admin: postgres.Sql;
let databaseName: string;

const totals = async (source?: string) => {
  const [row] = await queryRows<{ lines: number; billed: string | null; attributed: string | null }>(
    database.db,
    sql`select (select count(*)::int from cost_line_items where ${source ?? null}::text is null or source = ${source ?? null}) as lines,
               (select sum(unblended_cost)::text from cost_line_items) as billed, (select sum(unblended_cost)::text from attributed_costs) as attributed`,
  );
  return { lines: row!.lines, billed: new Decimal(row!.billed ?? 0).toString(), attributed: new Decimal(row!.attributed ?? 0).toString() };
};

/** Polls until `probe` finds a backend of the test database doing what we wait for; its pids. */
async function waitForBackend(where: string, timeoutMs: number): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = await admin.unsafe<{ pid: number }[]>(`select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and ${where}`, [databaseName]);
    if (found.length) return found.map((f) => f.pid);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no backend matched ${where} within ${timeoutMs} ms`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.target.kind !== "postgres") throw new Error("run with TEST_DB=postgres (npm run test:reliability)");
  databaseName = new URL(database.target.url).pathname.slice(1);
  admin = postgres(process.env.TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
  await applyOwnership(database.db, ownership, { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: TODAY });
  billing = await FakeBilling.start(rows, []);
  expect((await syncCosts(database, billing.source(TODAY), options)).status).toBe("succeeded");
}, 120_000);
afterAll(async () => {
  figures.save();
  await billing?.fake.close();
  await admin?.end();
  await database?.drop();
});

describe("database faults", () => {
  it("every connection terminated mid-sync: the run fails and says so, nothing changes, the next run is exact", async () => {
    const before = await totals();
    // A slow disk: each attribution insert waits a second, so the write transaction is caught open.
    await database.db.execute(sql`create or replace function slow_write() returns trigger language plpgsql as $$ begin perform pg_sleep(1); return null; end $$`);
    await database.db.execute(sql`create trigger slow_write before insert on attributed_costs for each statement execute function slow_write()`);
    const running = syncCosts(database, billing.source(TODAY), options);
    const pids = await waitForBackend("backend_xid is not null", 30_000);
    await admin.unsafe(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [databaseName]);
    const failed = await running;
    await database.db.execute(sql`drop trigger slow_write on attributed_costs`);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/terminat|connection/i);
    expect(await totals()).toEqual(before);
    const [recorded] = await database.db.select().from(jobRuns).where(eq(jobRuns.id, failed.runId));
    expect(recorded).toMatchObject({ status: "failed" });

    const next = await syncCosts(database, billing.source(TODAY), options);
    expect(next.status).toBe("succeeded");
    const after = await totals();
    expect(after).toEqual(before);
    expect(after.billed).toBe(Object.values(sumBy(rows, () => "all"))[0]);
    figures.add({ scenario: "all connections terminated mid-sync (pg_terminate_backend)", injected: `${pids.length} writing backend(s) and the pool killed inside the write transaction`, outcome: `run ${failed.runId} failed ("${failed.error?.slice(0, 50)}"), totals unchanged; next run ${next.status}, bill exact ${after.billed}`, passed: true });
  });

  it("the import process killed (SIGKILL) mid-COPY: nothing of it is written, the run is closed as abandoned, a rerun imports exactly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tallyboard-kill-"));
    const file = await generateCur(join(dir, "cur-2026-10.csv"), IMPORT_ROWS, { months: 1, lastMonth: "2026-10" });
    const cli = () =>
      spawn(process.execPath, ["--import", "tsx", "jobs/cli.ts", "import", file.path], {
        env: { ...process.env, DATABASE_URL: (database.target as { url: string }).url, TALLYBOARD_SOURCE: "demo", LOG_LEVEL: "silent" },
        stdio: ["ignore", "pipe", "pipe"],
      });
    const before = await totals();
    const victim = cli();
    const exited = new Promise<NodeJS.Signals | null>((resolve) => victim.once("exit", (_code, signal) => resolve(signal)));
    await waitForBackend("query ilike 'copy%' and state = 'active'", 120_000);
    await new Promise((r) => setTimeout(r, 500)); // well into the rows
    victim.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    await new Promise((r) => setTimeout(r, 300)); // the server notices the closed socket and rolls back

    expect(await totals()).toEqual(before);
    const [left] = await database.db.select().from(jobRuns).where(eq(jobRuns.job, "import")).orderBy(desc(jobRuns.id)).limit(1);
    expect(left?.status).toBe("running");

    const rerun = cli();
    let output = "";
    rerun.stdout.on("data", (chunk) => (output += chunk));
    rerun.stderr.on("data", (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => rerun.once("exit", resolve));
    expect(code, output).toBe(0);
    const [abandoned] = await database.db.select().from(jobRuns).where(eq(jobRuns.id, left!.id));
    expect(abandoned).toMatchObject({ status: "failed", error: expect.stringMatching(/^abandoned/) });
    const after = await totals("cur");
    expect(after.lines).toBe(IMPORT_ROWS);
    // The killed import's lanes had committed tables of rows; the rerun dropped them.
    const [blocks] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_class where relname like 'import_block_%'`);
    expect(blocks!.n).toBe(0);
    expect(after.attributed).toBe(after.billed);
    figures.add({ scenario: "import process killed with SIGKILL mid-COPY", injected: `SIGKILL 0.5 s into the COPY of ${IMPORT_ROWS.toLocaleString("en-US")} rows`, outcome: `0 rows written, run ${left!.id} closed as abandoned by the next run, which imported all ${after.lines.toLocaleString("en-US")} rows; attributed = billed`, passed: true });
  }, 300_000);
});
