// The Athena engine: the pass over the export's table in the Glue catalog, with the real SDK client.
// One query per billing period and kind (facts, quality), each filtered on the table's partitions so
// Athena reads only that month. A query is started with an idempotency token, polled with backoff
// until it ends, and its results paged back (NextToken); bytes scanned and their price are counted
// for the run record, as Cost Explorer requests are. A query that fails retryably is started again
// (a few times, with backoff); one that fails for good, is cancelled, or outlives the timeout (then
// stopped) fails the pass before anything is written. Throttled calls are the SDK's to retry.
import { randomUUID } from "node:crypto";
import Decimal from "decimal.js";
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, GetTableMetadataCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from "@aws-sdk/client-athena";
import type { AthenaConfig } from "../config/engine-config";
import { exportLayout } from "./export-layout";
import { partitionFilter } from "./pass-sql";
import { EnginePassError, type PassEngine, type PassQuery, type PassRows } from "./pass-engine";

export interface AthenaEngineOptions {
  client?: AthenaClient;
  /** First wait between polls; doubles up to maxPollMs. */
  pollMs?: number;
  maxPollMs?: number;
  /** Starts of one query after a retryable failure, including the first. */
  queryAttempts?: number;
}

/** Athena bills each query's bytes rounded up to the megabyte, at least 10 MB (docs/engines.md). */
export function billedBytes(scanned: number): number {
  const mb = 1024 * 1024;
  return Math.max(10 * mb, Math.ceil(scanned / mb) * mb);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function athenaEngine(config: AthenaConfig, options: AthenaEngineOptions = {}): Promise<PassEngine> {
  const client = options.client ?? new AthenaClient({ region: config.region, ...(config.endpoint ? { endpoint: config.endpoint } : {}) });
  const usage = { queries: 0, retries: 0, scannedBytes: 0, billedBytes: 0, requests: 0 };
  // Counts every call for the run record; the SDK's own retries of throttled calls are inside one.
  const send = <T>(command: unknown): Promise<T> => {
    usage.requests++;
    return (client.send as (command: unknown) => Promise<unknown>).call(client, command) as Promise<T>;
  };
  const metadata = await send<{ TableMetadata?: { Columns?: { Name?: string }[]; PartitionKeys?: { Name?: string }[] } }>(
    new GetTableMetadataCommand({ CatalogName: "AwsDataCatalog", DatabaseName: config.database, TableName: config.table }),
  );
  const columns = (metadata.TableMetadata?.Columns ?? []).map((column) => column.Name!);
  const partitionKeys = (metadata.TableMetadata?.PartitionKeys ?? []).map((column) => column.Name!);
  const wanted = config.partitions === "year-month" ? ["year", "month"] : ["billing_period"];
  if (!wanted.every((key) => partitionKeys.includes(key))) {
    throw new EnginePassError(`${config.database}.${config.table} is not partitioned by ${wanted.join(", ")} (its partitions: ${partitionKeys.join(", ") || "none"}); set ATHENA_PARTITIONS`);
  }
  const layout = exportLayout(columns);

  async function runOnce(query: PassQuery): Promise<{ id: string; state: string; reason: string; retryable: boolean }> {
    usage.queries++;
    const { QueryExecutionId: id } = await send<{ QueryExecutionId?: string }>(new StartQueryExecutionCommand({
      QueryString: query.sql, WorkGroup: config.workgroup, ClientRequestToken: randomUUID(),
      QueryExecutionContext: { Catalog: "AwsDataCatalog", Database: config.database },
      ...(config.outputLocation ? { ResultConfiguration: { OutputLocation: config.outputLocation } } : {}),
    }));
    const started = Date.now();
    let wait = options.pollMs ?? 250;
    for (;;) {
      const { QueryExecution: execution } = await send<{ QueryExecution?: { Status?: { State?: string; StateChangeReason?: string; AthenaError?: { Retryable?: boolean } }; Statistics?: { DataScannedInBytes?: number } } }>(
        new GetQueryExecutionCommand({ QueryExecutionId: id }),
      );
      const state = execution?.Status?.State ?? "QUEUED";
      if (state === "SUCCEEDED" || state === "FAILED" || state === "CANCELLED") {
        const scanned = execution?.Statistics?.DataScannedInBytes ?? 0;
        usage.scannedBytes += scanned;
        if (state !== "CANCELLED" || scanned > 0) usage.billedBytes += billedBytes(scanned);
        return { id: id!, state, reason: execution?.Status?.StateChangeReason ?? "", retryable: Boolean(execution?.Status?.AthenaError?.Retryable) };
      }
      if (Date.now() - started > config.timeoutMs) {
        await send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
        throw new EnginePassError(`Athena query ${id} (${query.label}) still ${state} after ${Math.round(config.timeoutMs / 1000)} s: stopped`);
      }
      await sleep(wait);
      wait = Math.min(wait * 2, options.maxPollMs ?? 5000);
    }
  }

  async function results(id: string): Promise<PassRows> {
    const rows: (string | null)[][] = [];
    let columns: string[] = [];
    let token: string | undefined;
    let first = true;
    do {
      const page = await send<{ ResultSet?: { Rows?: { Data?: { VarCharValue?: string }[] }[]; ResultSetMetadata?: { ColumnInfo?: { Name?: string }[] } }; NextToken?: string }>(
        new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }),
      );
      if (first) columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => column.Name!);
      const pageRows = (page.ResultSet?.Rows ?? []).map((row) => (row.Data ?? []).map((datum) => datum.VarCharValue ?? null));
      rows.push(...(first ? pageRows.slice(1) : pageRows)); // the first row of the first page is the header
      first = false;
      token = page.NextToken;
    } while (token);
    return { columns, rows };
  }

  return {
    name: "athena",
    sources: [{ from: `"${config.database}"."${config.table}"`, layout, periodFilter: (period) => partitionFilter(config.partitions, period), label: `${config.database}.${config.table}` }],
    run: async (query) => {
      const attempts = options.queryAttempts ?? 3;
      for (let attempt = 1; ; attempt++) {
        const ended = await runOnce(query);
        if (ended.state === "SUCCEEDED") return results(ended.id);
        if (ended.state === "FAILED" && ended.retryable && attempt < attempts) {
          usage.retries++;
          await sleep((options.pollMs ?? 250) * 2 ** attempt);
          continue;
        }
        const what = ended.state === "CANCELLED" ? "was cancelled" : `failed${ended.retryable ? ` ${attempt} times` : ""}`;
        throw new EnginePassError(`Athena query ${ended.id} (${query.label}) ${what}: ${ended.reason}`);
      }
    },
    usage: () => ({ ...usage, dollars: new Decimal(usage.billedBytes).dividedBy(1e12).times(config.pricePerTb).toDecimalPlaces(6).toFixed(), pricePerTb: config.pricePerTb }),
    close: () => {
      if (!options.client) client.destroy();
    },
  };
}
