// Figures for docs/engines.md's scale plan: the Athena engine over the fake (DuckDB executing the
// pass's SQL on hive-partitioned Parquet in the CUR Athena layout), one billing period, timed, with
// the bytes the fake bills (compressed column chunks of the columns named, in the period's partition)
// and the facts that would reach PostgreSQL.  npx tsx test/bench/athena-scale.ts [rows ...]
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AthenaClient } from "@aws-sdk/client-athena";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { athenaEngine } from "../../jobs/engines/athena-engine";
import { runPass } from "../../jobs/engines/run-pass";
import { COMMON_OWNER_KEYS } from "../../db/schema";
import { TAG_SPELLINGS } from "./generate-cur";
import { athenaTable } from "../support/athena-table";
import { FAKE_CREDENTIALS } from "../fake-aws/clients";
import { startFakeAthena } from "../fake-athena/server";

const sizes = process.argv.slice(2).map(Number);
for (const rows of sizes.length > 0 ? sizes : [100_000]) {
  const dir = mkdtempSync(join(tmpdir(), "athena-scale-"));
  try {
    const folder = await athenaTable(dir, "cur", rows);
    const june = join(folder, "year=2025", "month=6");
    const juneBytes = readdirSync(june).reduce((sum, file) => sum + statSync(join(june, file)).size, 0);
    const fake = await startFakeAthena([{ database: "cur", table: "cur", folder }], { pageSize: 1000 });
    const client = new AthenaClient({ region: "us-east-1", endpoint: fake.url, credentials: FAKE_CREDENTIALS, retryStrategy: new ConfiguredRetryStrategy(4, 1) });
    const config = { workgroup: "primary", database: "cur", table: "cur", outputLocation: null, partitions: "year-month" as const, timeoutMs: 3_600_000, pricePerTb: "5", region: "us-east-1", endpoint: fake.url };
    const engine = await athenaEngine(config, { client, pollMs: 5, maxPollMs: 50 });
    const started = performance.now();
    const needs = { ownerLike: new Set([...TAG_SPELLINGS, ...COMMON_OWNER_KEYS].map((key) => key.toLowerCase())), exactKeys: [...TAG_SPELLINGS, "env"], clusterKeys: [], resourceIds: false };
    const pass = await runPass(engine, needs, ["2025-06-01"]);
    const seconds = (performance.now() - started) / 1000;
    const lines = pass.quality.reduce((sum, row) => sum + row.lines, 0);
    const facts = pass.periods.get("2025-06-01")?.length ?? 0;
    const usage = engine.usage() as { scannedBytes: number; billedBytes: number; dollars: string; queries: number; requests: number };
    console.log(JSON.stringify({ rows, juneLines: lines, juneParquetBytes: juneBytes, scannedBytes: usage.scannedBytes, scannedBytesPerLine: usage.scannedBytes / lines, billedBytes: usage.billedBytes, dollars: usage.dollars, queries: usage.queries, requests: usage.requests, seconds, facts }));
    await engine.close();
    client.destroy();
    await fake.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
