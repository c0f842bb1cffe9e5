// The Athena engine end to end: the real SDK client against test/fake-athena (DuckDB executing the
// pass's SQL over hive-partitioned Parquet laid out as the CUR Athena integration lays it out).
// Property: for generated exports of several sizes, with throttled calls, retryable failures and
// small result pages, the PostgreSQL path, DuckDB and Athena give identical facts, attribution,
// rollups and reconciliation, to the last digit. Failures, cancellation and timeouts fail the pass
// with nothing written; each period's query reads only its partition; bytes and dollars are recorded.
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { AthenaClient } from "@aws-sdk/client-athena";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { importFiles } from "../../jobs/imports/import-files";
import { listLocalFiles } from "../../jobs/imports/local-files";
import { duckdbEngine } from "../../jobs/engines/duckdb-engine";
import { athenaEngine } from "../../jobs/engines/athena-engine";
import { runEnginePass } from "../../jobs/engines/engine-pass";
import type { AthenaConfig } from "../../jobs/config/engine-config";
import { seedOwnership } from "../bench/bench-database";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { passSnapshot } from "../support/engine-exports";
import { athenaTable } from "../support/athena-table";
import { FAKE_CREDENTIALS } from "../fake-aws/clients";
import { startFakeAthena, type FakeAthena } from "../fake-athena/server";

const dir = mkdtempSync(join(tmpdir(), "engine-athena-"));
const databases: TestDatabase[] = [];
const fakes: FakeAthena[] = [];
afterAll(async () => {
  for (const fake of fakes) await fake.close();
  for (const database of databases) await database.drop();
});
const fresh = async () => {
  const database = await createTestDatabase();
  databases.push(database);
  await seedOwnership(database);
  return database;
};

const PERIODS = ["2025-05-01", "2025-06-01"];

function config(fake: FakeAthena, table: string, overrides: Partial<AthenaConfig> = {}): AthenaConfig {
  return { workgroup: "primary", database: "cur", table, outputLocation: "s3://results-bucket/tallyboard/", partitions: "year-month", timeoutMs: 60_000, pricePerTb: "5", region: "us-east-1", endpoint: fake.url, ...overrides };
}
const client = (fake: FakeAthena) => new AthenaClient({ region: "us-east-1", endpoint: fake.url, credentials: FAKE_CREDENTIALS, retryStrategy: new ConfiguredRetryStrategy(4, 1) });
const fast = { pollMs: 1, maxPollMs: 5 };
const parquetFiles = (folder: string) => readdirSync(folder, { recursive: true }).map(String).filter((path) => path.endsWith(".parquet")).map((path) => join(folder, path));

it("PostgreSQL, DuckDB and Athena give identical facts, attribution, rollups and reconciliation (generated exports, faults)", async () => {
  for (const [i, rows] of [2_000, 7_000].entries()) {
    const folder = await athenaTable(dir, `cur_${i}`, rows);
    const fake = await startFakeAthena([{ database: "cur", table: `cur_${i}`, folder }], { pageSize: 97 + i * 400 });
    fakes.push(fake);
    fake.injectFaults([{ kind: "throttle", target: "AmazonAthena.StartQueryExecution" }, { kind: "throttle", target: "AmazonAthena.GetQueryResults", afterSuccesses: 1, times: 2 }]);
    fake.scriptQueries([{ kind: "fail", retryable: true }]);

    const postgresPath = await fresh();
    const { run: imported } = await importFiles(postgresPath, await listLocalFiles(folder), { location: folder, format: "cur" });
    expect(imported.status, imported.error).toBe("succeeded");
    const duck = await fresh();
    const duckRun = await runEnginePass(duck, () => duckdbEngine(folder), { location: folder });
    expect(duckRun.status, duckRun.error).toBe("succeeded");
    const athena = await fresh();
    const athenaRun = await runEnginePass(athena, () => athenaEngine(config(fake, `cur_${i}`), { client: client(fake), ...fast }), { location: `athena:cur.cur_${i}`, periods: PERIODS });
    expect(athenaRun.status, athenaRun.error).toBe("succeeded");

    const details = athenaRun.details as { tagKeys: string[]; resourceIds: boolean; usage: { queries: number; retries: number; scannedBytes: number; billedBytes: number; dollars: string } };
    expect(details.tagKeys).toEqual(["env", "owner", "squad", "team"]);
    const expected = await passSnapshot(postgresPath, details.tagKeys, details.resourceIds);
    expect(expected.attributed!.length).toBeGreaterThan(100);
    for (const [engine, database] of [["duckdb", duck], ["athena", athena]] as const) {
      const got = await passSnapshot(database, details.tagKeys, details.resourceIds);
      for (const table of Object.keys(expected)) expect(got[table], `${engine} ${table} (${rows} rows)`).toEqual(expected[table]);
    }
    // one query per period, one started again after a retryable failure; throttled calls retried by the SDK
    expect(details.usage.queries).toBe(3);
    expect(details.usage.retries).toBe(1);
    expect(fake.requests.filter((request) => request.errorCode === "TooManyRequestsException")).toHaveLength(3);
    // partition-pruned: each period's queries read only that month's files, and only the columns named
    const total = parquetFiles(folder).reduce((sum, path) => sum + statSync(path).size, 0);
    expect(details.usage.scannedBytes).toBeGreaterThan(0);
    expect(details.usage.scannedBytes).toBeLessThan(2 * total);
    expect(details.usage.dollars).toBe(((details.usage.billedBytes / 1e12) * 5).toFixed(6).replace(/\.?0+$/, ""));
    const pruned = fake.queries.filter((query) => query.state === "SUCCEEDED" && query.sql.includes("month = '6'"));
    expect(pruned.length).toBe(1);
  }
}, 600_000);

it("a query that fails for good, is cancelled or times out fails the pass, names the query, and writes nothing", async () => {
  const folder = await athenaTable(dir, "cur_faults", 500);
  const fake = await startFakeAthena([{ database: "cur", table: "cur_faults", folder }], { runningPolls: 3 });
  fakes.push(fake);
  const database = await fresh();
  const count = async () => (await queryRows<{ rows: number }>(database.db, sql`select count(*)::int as rows from cost_line_items`))[0]!.rows;
  const pass = (overrides: Partial<AthenaConfig> = {}) =>
    runEnginePass(database, () => athenaEngine(config(fake, "cur_faults", overrides), { client: client(fake), ...fast }), { location: "athena:cur.cur_faults", periods: PERIODS });

  fake.scriptQueries([{ kind: "fail", retryable: false, message: "HIVE_BAD_DATA: Error parsing field value" }]);
  const failed = await pass();
  expect(failed.status).toBe("failed");
  expect(failed.error).toMatch(/Athena query .* \(facts cur\.cur_faults \(year = '2025' and month = '5'\)\) failed: HIVE_BAD_DATA: Error parsing field value/);

  fake.scriptQueries([{ kind: "fail", retryable: true }, { kind: "fail", retryable: true }, { kind: "fail", retryable: true }]);
  expect((await pass()).error).toMatch(/failed 3 times: INTERNAL_ERROR_QUERY_ENGINE/);

  fake.scriptQueries([{ kind: "cancel" }]);
  expect((await pass()).error).toMatch(/was cancelled: Query was cancelled/);

  fake.scriptQueries([{ kind: "hang" }]);
  const timedOut = await pass({ timeoutMs: 30 });
  expect(timedOut.error).toMatch(/still RUNNING after 0 s: stopped/);
  expect(fake.requests.some((request) => request.target === "AmazonAthena.StopQueryExecution")).toBe(true);
  const hung = fake.queries.find((query) => query.script?.kind === "hang")!;
  expect(hung.state, `${hung.sql.slice(0, 60)} polled ${hung.polls} times`).toBe("CANCELLED");
  expect(await count()).toBe(0);

  // then a clean pass writes both periods; its run records queries, bytes and dollars
  const ok = await pass();
  expect(ok.status, ok.error).toBe("succeeded");
  expect(await count()).toBeGreaterThan(0);
  expect(ok.details).toMatchObject({ engine: "athena", usage: { queries: 2, pricePerTb: "5" } });
}, 300_000);
