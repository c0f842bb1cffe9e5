// TALLYBOARD_SOURCE=exports: a company with CUR exports and no Cost Explorer access. The server
// imports the exports at first start and every page answers from them, reconciled to the file's
// totals, while the fake AWS endpoint (where the SDK would go) records no request at all.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { loadConfig } from "../../jobs/config/load-config";
import { openRuntime, runSyncCycle, type Runtime } from "../../jobs/runtime";
import { runNudgeJob } from "../../jobs/nudges/nudge-job";
import { createApp } from "../../api/app";
import { startScheduler, type Scheduler } from "../../jobs/scheduler";
import { CostExplorerEmulator } from "../../jobs/sources/fixtures/cost-explorer-emulator";
import { TaggingEmulator } from "../../jobs/sources/fixtures/tagging-emulator";
import { startFakeAws, type FakeAws } from "../fake-aws/server";
import { FAKE_CREDENTIALS } from "../fake-aws/clients";
import { SAMPLE_ACCOUNTS } from "../fake-aws/sample-data";
import { createTestDatabase, usesPostgres, type TestDatabase } from "../support/test-database";
import { attributedTotal } from "../support/import-totals";
import { EXPORTS_OWNERSHIP_YAML, writeCompanyExports } from "../support/exports-company";

const root = mkdtempSync(join(tmpdir(), "tallyboard-exports-only-"));
const exportsDir = join(root, "exports");
mkdirSync(exportsDir);
const bill = writeCompanyExports(exportsDir);
writeFileSync(join(root, "ownership.yaml"), EXPORTS_OWNERSHIP_YAML);

const endpointVariables = ["AWS_ENDPOINT_URL_COST_EXPLORER", "AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API", "AWS_ENDPOINT_URL"] as const;
const savedEnv = Object.fromEntries(endpointVariables.map((name) => [name, process.env[name]]));
let fake: FakeAws;
let testDatabase: TestDatabase | null = null;
let runtime: Runtime;
let scheduler: Scheduler;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  fake = await startFakeAws({ costExplorer: new CostExplorerEmulator([], SAMPLE_ACCOUNTS), tagging: new TaggingEmulator([]) });
  // Any SDK call that slipped through would land here (and be counted), never at AWS.
  for (const name of endpointVariables) process.env[name] = fake.url;
  if (usesPostgres) testDatabase = await createTestDatabase();
  const env = {
    TALLYBOARD_SOURCE: "exports",
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId, // credentials present: still no Cost Explorer call
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    IMPORT_LOCATION: exportsDir,
    OWNERSHIP_FILE: join(root, "ownership.yaml"),
    LOG_LEVEL: "silent",
  };
  const config = { ...loadConfig(env, process.cwd()), database: testDatabase?.target ?? { kind: "pglite" as const, dataDir: null } };
  runtime = await openRuntime(config);
  app = createApp(runtime.database, runtime.source.name);
  scheduler = startScheduler(runtime);
  await scheduler.initialSync; // exports-only: the first start imports IMPORT_LOCATION
}, 180_000);

afterAll(async () => {
  scheduler?.stop();
  await runtime?.close();
  await testDatabase?.drop();
  await fake?.close();
  for (const name of endpointVariables) if (savedEnv[name] === undefined) delete process.env[name];
  else process.env[name] = savedEnv[name];
});

const get = async (path: string) => {
  const response = await app.request(path);
  const body = (await response.json()) as Record<string, unknown>;
  expect(response.status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body as any; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const sum = (values: string[]) => values.reduce((total, value) => total.plus(value), new Decimal(0)).toFixed();

it(`imports ${bill.rows} rows at first start; the last complete billing day is the exports' newest day, its month partial`, async () => {
  const { runs, lastCompleteBillingDay, billing } = await get("/api/job-runs");
  expect(runs.map((run: { job: string; status: string }) => `${run.job}:${run.status}`)).toContain("import:succeeded");
  expect(lastCompleteBillingDay).toBe(bill.lastDay);
  expect(billing).toEqual({ lastCompleteBillingDay: bill.lastDay, basis: "exports", partialMonth: "2026-11" });
  expect(await attributedTotal(runtime.database.db)).toBe(bill.total);
});

it(`the overview, teams and org answer from the exports, reconciled to the file's ${bill.total}`, async () => {
  const overview = await get("/api/overview?measure=unblended&months=3");
  expect(overview.lastCompleteBillingDay).toBe(bill.lastDay);
  expect(sum(overview.months.map((month: { total: string }) => month.total))).toBe(bill.total);
  expect(overview.months.find((m: { month: string }) => m.month === "2026-10").total).toBe(bill.byPeriod["2026-10-01"]);
  expect(overview.topTeams.map((team: { teamId: string }) => team.teamId).sort()).toEqual(["payments", "platform", "search"]);
  const teams = await get("/api/teams?measure=unblended");
  expect(JSON.stringify(teams)).toContain("payments");
  const payments = await get("/api/teams/payments?measure=unblended");
  expect(JSON.stringify(payments)).toContain(bill.lastDay);
  const org = await get("/api/org?measure=unblended&from=2026-10-01&to=2026-11-18");
  expect(JSON.stringify(org)).toContain("engineering");
});

it("the Ownership page lists the untagged resources from the exports' resource ids and tags", async () => {
  const summary = await get("/api/ownership/summary?measure=unblended&from=2026-10-01&to=2026-11-18");
  expect(summary.untaggedResources.count).toBe(2); // the untagged instance and the platform database
  expect(summary.untaggedResources.largest.map((r: { arn: string }) => r.arn).sort()).toEqual(["db-platform01", "i-0untagged01"]);
  expect(summary.untaggedResources.largest.every((r: { amount: string | null }) => r.amount !== null)).toBe(true);
  expect(summary.unattributedByAccount.map((a: { key: string }) => a.key)).toContain("222222222222");
});

it("nudges, the leaderboard, the budget review, the efficiency cards and a business review work from the exports alone", async () => {
  const nudges = await runNudgeJob(runtime.database, runtime.source.name);
  expect(nudges?.status).toBe("succeeded");
  expect((await get("/api/nudges?view=active")).nudges.length).toBeGreaterThan(0); // untagged spend at least
  expect((await get("/api/leaderboard?month=2026-10")).month).toBe("2026-10");
  expect((await get("/api/budgets/review?month=2026-11")).month).toBe("2026-11");
  await get("/api/metrics/efficiency");
  const review = await get("/api/reviews/preview?scope=company&period=2026-10&measure=unblended");
  expect(JSON.stringify(review.document)).toContain("2026-10");
});

it("no Cost Explorer or Tagging API request was made; a sync is refused with a message, not sent", async () => {
  await expect(runSyncCycle(runtime)).rejects.toThrow("TALLYBOARD_SOURCE=exports: there is no Cost Explorer sync");
  expect(fake.requests).toEqual([]);
  const [counts] = await queryRows<{ resources: number; runs: number }>(
    runtime.database.db,
    sql`select (select count(*)::int from resources) as resources, (select count(*)::int from job_runs where job in ('sync-costs', 'sync-resources', 'commitments')) as runs`,
  );
  expect(counts).toEqual({ resources: 4, runs: 0 });
});
