// Drill-downs that need single lines after a DuckDB or Athena pass (PostgreSQL holds grouped facts):
// the Ownership page's largest untagged resources and the Why panel's sample lines are asked of the
// engine, and equal what a database that imported every line answers. Answers are cached until the
// next pass: a second read asks the engine nothing.
import { mkdirSync, renameSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { AthenaClient } from "@aws-sdk/client-athena";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, expect, it } from "vitest";
import { queryRows, type Database } from "../../db/client";
import { createApp } from "../../api/app";
import { OPEN_AUTH } from "../../jobs/config/auth-config";
import { importFiles } from "../../jobs/imports/import-files";
import { listLocalFiles } from "../../jobs/imports/local-files";
import { duckdbEngine } from "../../jobs/engines/duckdb-engine";
import { athenaEngine } from "../../jobs/engines/athena-engine";
import { runEnginePass } from "../../jobs/engines/engine-pass";
import { engineDrillDowns, type DrillDowns } from "../../jobs/engines/drill-downs";
import { explainCell } from "../../jobs/attribution/why";
import { seedOwnership } from "../bench/bench-database";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { writeEngineExports } from "../support/engine-exports";
import { athenaTable } from "../support/athena-table";
import { FAKE_CREDENTIALS } from "../fake-aws/clients";
import { startFakeAthena, type FakeAthena } from "../fake-athena/server";

const dir = mkdtempSync(join(tmpdir(), "engine-drill-"));
const databases: TestDatabase[] = [];
let fake: FakeAthena | undefined;
afterAll(async () => {
  await fake?.close();
  for (const database of databases) await database.drop();
});
const fresh = async () => {
  const database = await createTestDatabase();
  databases.push(database);
  await seedOwnership(database);
  return database;
};
const RANGE = { from: "2025-05-20", to: "2025-06-30" };

/** The largest untagged resources from every line: no owner tag key has a value on the resource's lines. */
async function untaggedFromLines(database: Database) {
  return queryRows<{ resourceId: string; amount: string; lines: number; lastDay: string }>(
    database.db,
    sql`select li.resource_id as "resourceId", trim_scale(sum(li.amortized_cost))::text as amount, count(*)::int as lines, max(li.day)::text as "lastDay"
        from cost_line_items li
        where li.day between ${RANGE.from}::date and ${RANGE.to}::date and coalesce(li.resource_id, '') <> ''
          and not exists (select 1 from owner_tag_keys k where coalesce(trim(li.tags ->> k.tag_key), '') <> '')
        group by 1 order by sum(li.amortized_cost) desc, 1 limit 25`,
  );
}

/** Sample lines compared by what both sources hold: the tag keys the pass kept. */
const comparable = (lines: { ruleId: number; accountId: string; service: string; recordType: string; resourceId: string | null; tags: Record<string, string>; amortized: string }[], keys: string[]) =>
  lines.map((line) => ({ ...line, amortized: String(Number(line.amortized)), tags: Object.fromEntries(Object.entries(line.tags).filter(([key]) => keys.includes(key))) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Team-days whose lines all fit in one sample, busiest first. */
async function cellsOf(database: Database) {
  return queryRows<{ teamId: string; day: string }>(
    database.db,
    sql`select team_id as "teamId", day::text as day from attributed_costs where decided_by = 'tag' and day between ${RANGE.from}::date and ${RANGE.to}::date
        group by 1, 2 order by count(*) desc, 1, 2 limit 3`,
  );
}

async function expectSameAnswers(everyLine: Database, facts: Database, drillDowns: DrillDowns, tagKeys: string[]) {
  const untagged = await drillDowns.untaggedResources(RANGE, "amortized");
  const expected = await untaggedFromLines(everyLine);
  expect(expected.length).toBe(25);
  expect(untagged.map(({ resourceId, amount, lines, lastDay }) => ({ resourceId, amount, lines, lastDay }))).toEqual(expected);

  const cells = await cellsOf(everyLine);
  expect(cells.length).toBe(3);
  for (const cell of cells) {
    const fromLines = await explainCell(everyLine.db, cell);
    const fromFacts = await explainCell(facts.db, cell);
    const fromEngine = await explainCell(facts.db, cell, drillDowns);
    expect(fromLines.sampleLinesFrom).toBe("line items");
    expect(fromLines.sampleLines.length).toBeGreaterThan(0);
    expect(fromLines.sampleLines.length).toBeLessThan(25); // the whole cell, so both sides list the same lines
    expect(fromFacts.sampleLinesFrom).toBe("facts");
    expect(fromEngine.sampleLinesFrom).toBe(drillDowns.engine);
    expect(comparable(fromEngine.sampleLines, tagKeys), `${cell.teamId} ${cell.day}`).toEqual(comparable(fromLines.sampleLines, tagKeys));
  }
}

it("DuckDB: untagged resources and why-sample lines from the export equal the PostgreSQL path's, through the API, cached", async () => {
  const exports = await writeEngineExports(dir, 4_000);
  const folder = join(dir, "parquet");
  mkdirSync(folder);
  for (const path of exports.parquet) renameSync(path, join(folder, path.split("/").at(-1)!));

  const everyLine = await fresh();
  const { run: imported } = await importFiles(everyLine, await listLocalFiles(folder), { location: folder, format: "cur" });
  expect(imported.status, imported.error).toBe("succeeded");
  const facts = await fresh();
  const pass = await runEnginePass(facts, () => duckdbEngine(folder), { location: folder });
  expect(pass.status, pass.error).toBe("succeeded");

  let opened = 0;
  const drillDowns = engineDrillDowns(facts.db, "duckdb", (location) => {
    opened++;
    return duckdbEngine(location);
  });
  await expectSameAnswers(everyLine, facts, drillDowns, (pass.details as { tagKeys: string[] }).tagKeys);

  // The API answers with the engine's resources where the range holds facts, and says where they came from.
  const app = createApp(facts, "test", undefined, OPEN_AUTH, { chromiumPath: "/usr/bin/chromium", drillDowns });
  const read = async () => (await (await app.request(`/api/ownership/summary?from=${RANGE.from}&to=${RANGE.to}`)).json()) as { untaggedResources: { largest: { arn: string; amount: string }[]; largestFrom: string } };
  const opensBefore = opened;
  const summary = await read();
  expect(summary.untaggedResources.largestFrom).toBe("duckdb");
  expect(summary.untaggedResources.largest.map((r) => r.arn)).toEqual((await untaggedFromLines(everyLine)).map((r) => r.resourceId));
  expect(opened).toBe(opensBefore); // the same question again: answered from the drill-down cache
  const plain = createApp(everyLine, "test", undefined, OPEN_AUTH, { chromiumPath: "/usr/bin/chromium", drillDowns });
  const lines = (await (await plain.request(`/api/ownership/summary?from=${RANGE.from}&to=${RANGE.to}`)).json()) as { untaggedResources: { largestFrom: string } };
  expect(lines.untaggedResources.largestFrom).toBe("line items"); // every line is in PostgreSQL: no engine asked

  // An engine that cannot be asked: the page still answers, saying so; the Why panel shows the facts.
  const broken = engineDrillDowns(facts.db, "duckdb", () => Promise.reject(new Error("exports folder is gone")));
  const degraded = createApp(facts, "test", undefined, OPEN_AUTH, { chromiumPath: "/usr/bin/chromium", drillDowns: broken });
  const response = await degraded.request(`/api/ownership/summary?from=${RANGE.from}&to=${RANGE.to}`);
  expect(response.status).toBe(200);
  expect(((await response.json()) as { untaggedResources: unknown }).untaggedResources).toMatchObject({ largest: [], largestFrom: "unavailable", error: "duckdb: exports folder is gone" });
  const [cell] = await cellsOf(everyLine);
  expect((await explainCell(facts.db, cell!, broken)).sampleLinesFrom).toBe("facts");

  // A new pass is a new answer: the engine is asked again.
  expect((await runEnginePass(facts, () => duckdbEngine(folder), { location: folder })).status).toBe("succeeded");
  await drillDowns.untaggedResources(RANGE, "amortized");
  expect(opened).toBe(opensBefore + 1);
}, 300_000);

it("Athena: the same drill-downs through the real SDK against the fake, partition-pruned and cached", async () => {
  const folder = await athenaTable(dir, "cur_drill", 4_000);
  fake = await startFakeAthena([{ database: "cur", table: "cur_drill", folder }], { pageSize: 10 });
  const client = new AthenaClient({ region: "us-east-1", endpoint: fake.url, credentials: FAKE_CREDENTIALS, retryStrategy: new ConfiguredRetryStrategy(4, 1) });
  const config = { workgroup: "primary", database: "cur", table: "cur_drill", outputLocation: null, partitions: "year-month" as const, timeoutMs: 60_000, pricePerTb: "5", region: "us-east-1", endpoint: fake.url };
  const open = () => athenaEngine(config, { client, pollMs: 1, maxPollMs: 5 });

  const everyLine = await fresh();
  const { run: imported } = await importFiles(everyLine, await listLocalFiles(folder), { location: folder, format: "cur" });
  expect(imported.status, imported.error).toBe("succeeded");
  const facts = await fresh();
  const pass = await runEnginePass(facts, open, { location: "athena:cur.cur_drill", periods: ["2025-05-01", "2025-06-01"] });
  expect(pass.status, pass.error).toBe("succeeded");

  const drillDowns = engineDrillDowns(facts.db, "athena", open);
  const started = fake.queries.length;
  await expectSameAnswers(everyLine, facts, drillDowns, (pass.details as { tagKeys: string[] }).tagKeys);
  const asked = fake.queries.slice(started);
  expect(asked.length).toBe(4); // untagged resources, then one query per cell
  expect(asked[0]!.sql).toContain("month = '5'"); // the range's two months, no other partition
  expect(asked[0]!.sql).toContain("month = '6'");
  await drillDowns.untaggedResources(RANGE, "amortized");
  expect(fake.queries.length).toBe(started + 4); // cached
}, 300_000);
