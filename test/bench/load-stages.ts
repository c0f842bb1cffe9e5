// The write side against its baselines, in one run on one server: the real import (hash, scan,
// COPY, check, map, then attribution + rollups in the same transaction) vs a bare COPY of the same
// file into an unindexed table; re-attribution + rollups vs a bare INSERT ... SELECT rules join.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { importFiles } from "../../jobs/imports/import-files";
import { listLocalFiles } from "../../jobs/imports/local-files";
import { attributeAndReconcile } from "../../jobs/attribution/attribute-and-reconcile";
import { addDays } from "../../db/calendar";
import type { ImportQuality } from "../../db/domain/import-quality-report";
import type { GeneratedFile } from "./generate-cur";
import { CLAIMED_OWNERS } from "./generate-cur";
import { createBenchDatabase } from "./bench-database";

const seconds = (started: number) => (performance.now() - started) / 1000;

/**
 * A plain COPY of the CSV through Node into an unindexed table of the same columns, over `connections`
 * connections at once (the file cut into that many ranges at line ends): with 1, one backend's
 * limit; with the import's lane count, the machine's.
 */
export async function bareCopy(url: string, file: GeneratedFile, connections = 1): Promise<number> {
  const client = postgres(url, { max: connections, onnotice: () => {} });
  try {
    const header = await new Promise<string>((resolve, reject) => {
      const stream = createReadStream(file.path, { end: 4096, encoding: "utf8" });
      stream.once("data", (chunk) => resolve(String(chunk).split("\n")[0]!));
      stream.once("error", reject);
    });
    const columns = header.split(",").map((name, i) => `c${i} ${/Cost$|UsageAmount$/.test(name) ? "numeric" : "text"}`);
    await client.unsafe(`create table bare_copy (${columns.join(", ")})`);
    const ranges = await lineRanges(file.path, Buffer.byteLength(header) + 1, connections);
    const started = performance.now();
    await Promise.all(
      ranges.map(async ([start, end]) => {
        const copy = await client.unsafe("copy bare_copy from stdin with (format csv)").writable();
        await pipeline(createReadStream(file.path, { start, end: end - 1, highWaterMark: 1 << 20 }), copy);
      }),
    );
    const elapsed = seconds(started);
    await client.unsafe("drop table bare_copy");
    return elapsed;
  } finally {
    await client.end();
  }
}

/** [start, end) byte ranges of the rows (from `from`), `parts` of them, each ending after a newline. */
async function lineRanges(path: string, from: number, parts: number): Promise<Array<[number, number]>> {
  const handle = await open(path);
  try {
    const { size } = await handle.stat();
    const cuts = [from];
    const probe = Buffer.alloc(64 * 1024);
    for (let i = 1; i < parts; i++) {
      const at = Math.max(cuts.at(-1)!, Math.floor(from + ((size - from) * i) / parts));
      const { bytesRead } = await handle.read(probe, 0, probe.length, at);
      const newline = probe.subarray(0, bytesRead).indexOf(10);
      cuts.push(newline < 0 ? size : at + newline + 1);
    }
    cuts.push(size);
    return cuts.slice(0, -1).map((start, i): [number, number] => [start, cuts[i + 1]!]).filter(([start, end]) => end > start);
  } finally {
    await handle.close();
  }
}

export interface ImportTimings {
  totalS: number; // hash + one pass (COPY, check, map, insert) + attribution + rollups, one run of importFiles
  copyS: number; // the write pass: COPY into the stage, check, map into line items (PostgreSQL parses CUR CSV)
  attributionS: number; // attribution + reconciliation + rollups inside the import transaction
  qualityS: number; // the data-quality report's measuring (after attribution, inside the transaction)
  splitMismatches: number; // the quality report's split-mismatch warnings (instances whose pods do not add up)
}

export async function tallyboardImport(database: Database, file: GeneratedFile): Promise<ImportTimings> {
  const started = performance.now();
  const { run } = await importFiles(database, await listLocalFiles(file.path), { location: file.path, format: "cur" });
  const totalS = seconds(started);
  if (run.status !== "succeeded") throw new Error(`import failed: ${run.error}`);
  const { timings, quality } = run.details as { timings: { copyMs: number; attributionMs: number; qualityMs?: number }; quality?: ImportQuality };
  const splitMismatches = quality?.warnings.filter((warning) => warning.code === "split-mismatch").length ?? 0;
  return { totalS, copyS: timings.copyMs / 1000, attributionS: timings.attributionMs / 1000, qualityS: (timings.qualityMs ?? 0) / 1000, splitMismatches };
}

/** The import of `file` into a fresh bench database seeded by `seed` (dropped after), timed as tallyboardImport,
 *  with what it stored (storedTotals). */
export async function importIntoNewDatabase(adminUrl: string, file: GeneratedFile, seed: (database: Database) => Promise<void>) {
  const other = await createBenchDatabase(adminUrl);
  try {
    await seed(other.database);
    const imported = await tallyboardImport(other.database, file);
    return { ...imported, importS: imported.totalS - imported.attributionS, stored: await storedTotals(other.database) };
  } finally {
    await other.drop();
  }
}

/** Counts and sums of every stored column an import maps, to tell two imports of the same rows apart. */
export async function storedTotals(database: Database): Promise<string> {
  const [row] = await queryRows<Record<string, string>>(
    database.db,
    sql`select count(*)::text as lines, sum(unblended_cost)::text as unblended, sum(amortized_cost)::text as amortized, sum(net_amortized_cost)::text as net,
          sum(usage_quantity)::text as usage, count(usage_hour)::text as hours, sum(split_cost)::text as split, sum(unused_cost)::text as unused,
          count(parent_resource_id)::text as parents, sum(split_usage_ratio)::text as ratio, md5(string_agg(md5(tags::text), '' order by md5(tags::text))) as tags
        from cost_line_items`,
  );
  return JSON.stringify(row);
}

/** Attribution + rollups of the whole range again, as a rule change or backfill does, on settled
 *  rows: vacuumed first, so neither this nor the bare join after it pays for the first read's hint bits. */
export async function reattribute(database: Database, file: GeneratedFile): Promise<number> {
  await database.db.execute(sql`vacuum (analyze) cost_line_items`);
  const started = performance.now();
  await database.db.transaction((tx) => attributeAndReconcile(tx, { start: file.firstDay, end: addDays(file.lastDay, 1) }, 0));
  return seconds(started);
}

/** The baseline: every line joined onto a rules table by its owner tag and inserted, nothing else. */
export async function bareJoin(database: Database): Promise<number> {
  const { db } = database;
  await db.execute(sql`create table bare_rules (tag_value text primary key, team_id text not null)`);
  await db.execute(sql`insert into bare_rules select v, v from unnest(${`{${CLAIMED_OWNERS.join(",")}}`}::text[]) v`);
  await db.execute(sql`create table bare_attributed (day date, team_id text, account_id text, service text, record_type text, unblended_cost numeric, amortized_cost numeric, net_amortized_cost numeric)`);
  await db.execute(sql`analyze bare_rules`);
  const started = performance.now();
  // Under the session settings attribution uses (attribute-window.ts), so the ratio compares the work, not the settings.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`
    insert into bare_attributed
    select li.day, coalesce(r.team_id, 'unattributed'), li.account_id, li.service, li.record_type, li.unblended_cost, li.amortized_cost, li.net_amortized_cost
    from cost_line_items li
    left join bare_rules r on r.tag_value = lower(coalesce(li.tags ->> 'team', li.tags ->> 'Team', li.tags ->> 'owner', li.tags ->> 'squad'))`);
  });
  const elapsed = seconds(started);
  await db.execute(sql`drop table bare_attributed`);
  await db.execute(sql`drop table bare_rules`);
  return elapsed;
}
