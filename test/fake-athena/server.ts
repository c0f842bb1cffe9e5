// A fake Amazon Athena endpoint for the real SDK client: AWS JSON 1.1 over node:http on 127.0.0.1
// (X-Amz-Target AmazonAthena.<Operation>), executing each query's SQL with DuckDB over local Parquet
// laid out as Glue tables (hive partitions: year=2025/month=6/...). Queries go QUEUED -> RUNNING ->
// SUCCEEDED / FAILED / CANCELLED as Athena's do; results page with NextToken (header row first, all
// values text); bytes scanned are the compressed sizes of the columns the query names, in the
// partitions its WHERE keeps (what Athena bills for Parquet). Tests script failures per query and
// throttle requests (TooManyRequestsException) through the same fault queue as test/fake-aws.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { FaultQueue, type Fault } from "../fake-aws/faults.js";
import { listenLocal } from "../fake-aws/listen-local.js";

export interface FakeTable {
  database: string;
  table: string;
  /** A folder of Parquet files, hive-partitioned (key=value folders). */
  folder: string;
}

/** What the next query started does instead of running normally. */
export type QueryScript =
  | { kind: "fail"; retryable: boolean; message?: string }
  | { kind: "cancel" }
  /** Stays RUNNING until stopped. */
  | { kind: "hang" };

interface Execution {
  id: string;
  sql: string;
  state: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  polls: number;
  script: QueryScript | null;
  result?: { columns: string[]; types: string[]; rows: (string | null)[][] };
  error?: { message: string; retryable: boolean };
  scannedBytes: number;
  submitted: Date;
  completed?: Date;
  workGroup: string;
  done: Promise<void>;
}

export interface FakeAthena {
  url: string;
  /** Every query started, in order (its SQL and how it ended). */
  queries: Execution[];
  requests: { target: string; status: number; errorCode?: string }[];
  /** Scripts for the next queries started, in order. */
  scriptQueries(scripts: QueryScript[]): void;
  injectFaults(faults: Fault[]): void;
  close(): Promise<void>;
}

const PREFIX = "AmazonAthena.";

class AthenaError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
  }
}

/** Files and their partition values under a table's folder. */
function partitionedFiles(folder: string): { path: string; partitions: Record<string, string> }[] {
  return (readdirSync(folder, { recursive: true, withFileTypes: true }) as { isFile(): boolean; name: string; parentPath: string }[])
    .filter((entry) => entry.isFile() && entry.name.endsWith(".parquet"))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const partitions = Object.fromEntries(relative(folder, entry.parentPath).split("/").filter((part) => part.includes("=")).map((part) => part.split("=") as [string, string]));
      return { path, partitions };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

export async function startFakeAthena(tables: FakeTable[], options: { pageSize?: number; queuedPolls?: number; runningPolls?: number } = {}): Promise<FakeAthena> {
  const duck = await DuckDBInstance.create(":memory:", { threads: "1" });
  const connection = await duck.connect();
  await connection.run("set TimeZone = 'UTC'");
  for (const table of tables) {
    await connection.run(`create schema if not exists "${table.database}"`);
    await connection.run(`create view "${table.database}"."${table.table}" as select * from read_parquet('${table.folder}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false, union_by_name = true)`);
  }
  const executions = new Map<string, Execution>();
  const byToken = new Map<string, string>();
  const queries: Execution[] = [];
  const scripts: QueryScript[] = [];
  const faults = new FaultQueue();
  const requests: FakeAthena["requests"] = [];
  const [queuedPolls, runningPolls] = [options.queuedPolls ?? 1, options.runningPolls ?? 1];

  const tableOf = (database: string, name: string) => {
    const table = tables.find((t) => t.database === database && t.table === name);
    if (!table) throw new AthenaError("MetadataException", `Table ${name} not found in database ${database}`);
    return table;
  };

  async function columnsOf(table: FakeTable): Promise<{ name: string; type: string }[]> {
    const rows = (await connection.runAndReadAll(`describe "${table.database}"."${table.table}"`)).getRowObjects();
    return rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type).toLowerCase() }));
  }

  /** The compressed bytes of the columns the SQL names, in the files of the partitions its equalities keep. */
  async function scannedBytes(sql: string, database: string): Promise<number> {
    let bytes = 0;
    for (const table of tables.filter((t) => t.database === database && sql.includes(`"${t.table}"`))) {
      const named = new Set([...sql.matchAll(/"((?:[^"]|"")+)"/g)].map((m) => m[1]!.replaceAll('""', '"')));
      const conditions = [...sql.matchAll(/\b([a-z_]+) = '([^']*)'/g)].map((m) => [m[1]!, m[2]!] as const);
      for (const file of partitionedFiles(table.folder)) {
        if (conditions.some(([key, value]) => key in file.partitions && file.partitions[key] !== value)) continue; // pruned
        const chunks = (await connection.runAndReadAll(`select path_in_schema as column, sum(total_compressed_size)::bigint as bytes from parquet_metadata('${file.path.replaceAll("'", "''")}') group by 1`)).getRowObjects();
        for (const chunk of chunks) if (named.has(String(chunk.column))) bytes += Number(chunk.bytes);
      }
    }
    return bytes;
  }

  function start(body: { QueryString?: string; QueryExecutionContext?: { Database?: string }; WorkGroup?: string; ClientRequestToken?: string }) {
    if (!body.QueryString) throw new AthenaError("InvalidRequestException", "QueryString is required");
    if (body.ClientRequestToken && byToken.has(body.ClientRequestToken)) return { QueryExecutionId: byToken.get(body.ClientRequestToken)! };
    const database = body.QueryExecutionContext?.Database ?? "default";
    const execution: Execution = {
      id: randomUUID(), sql: body.QueryString, state: "QUEUED", polls: 0, script: scripts.shift() ?? null, scannedBytes: 0, submitted: new Date(), workGroup: body.WorkGroup ?? "primary", done: Promise.resolve(),
    };
    execution.done = run(execution, database);
    executions.set(execution.id, execution);
    queries.push(execution);
    if (body.ClientRequestToken) byToken.set(body.ClientRequestToken, execution.id);
    return { QueryExecutionId: execution.id };
  }

  async function run(execution: Execution, database: string): Promise<void> {
    if (execution.script) return;
    try {
      execution.scannedBytes = await scannedBytes(execution.sql, database);
      const reader = await connection.runAndReadAll(execution.sql);
      execution.result = {
        columns: reader.columnNames(),
        types: reader.columnTypes().map((type) => String(type).toLowerCase()),
        rows: reader.getRows().map((row) => row.map((value) => (value === null ? null : String(value)))),
      };
    } catch (error) {
      execution.error = { message: (error as Error).message.split("\n")[0]!, retryable: false };
    }
  }

  /** Each poll moves a query on: QUEUED for a poll or more, RUNNING for a poll or more, then its end. */
  async function advance(execution: Execution): Promise<void> {
    if (execution.state === "SUCCEEDED" || execution.state === "FAILED" || execution.state === "CANCELLED") return;
    execution.polls += 1;
    if (execution.polls <= queuedPolls) return;
    execution.state = "RUNNING";
    if (execution.polls <= queuedPolls + runningPolls || execution.script?.kind === "hang") return;
    await execution.done;
    const script = execution.script;
    if (script?.kind === "cancel") execution.state = "CANCELLED";
    else if (script?.kind === "fail") {
      execution.state = "FAILED";
      execution.error = { message: script.message ?? "INTERNAL_ERROR_QUERY_ENGINE: Amazon Athena experienced an internal error while executing this query.", retryable: script.retryable };
    } else execution.state = execution.error ? "FAILED" : "SUCCEEDED";
    execution.completed = new Date();
  }

  const find = (id: string | undefined) => {
    const execution = id ? executions.get(id) : undefined;
    if (!execution) throw new AthenaError("InvalidRequestException", `QueryExecution ${id} was not found`);
    return execution;
  };

  const operations: Record<string, (body: Record<string, never>) => Promise<object> | object> = {
    StartQueryExecution: (body) => start(body),
    GetQueryExecution: async (body: { QueryExecutionId?: string }) => {
      const execution = find(body.QueryExecutionId);
      await advance(execution);
      const ended = execution.state !== "QUEUED" && execution.state !== "RUNNING";
      return {
        QueryExecution: {
          QueryExecutionId: execution.id, Query: execution.sql, StatementType: "DML", WorkGroup: execution.workGroup,
          Status: {
            State: execution.state, SubmissionDateTime: execution.submitted.getTime() / 1000, ...(execution.completed ? { CompletionDateTime: execution.completed.getTime() / 1000 } : {}),
            ...(execution.state === "FAILED" ? { StateChangeReason: execution.error!.message, AthenaError: { ErrorCategory: execution.error!.retryable ? 1 : 2, ErrorType: execution.error!.retryable ? 401 : 1001, Retryable: execution.error!.retryable, ErrorMessage: execution.error!.message } } : {}),
            ...(execution.state === "CANCELLED" ? { StateChangeReason: "Query was cancelled" } : {}),
          },
          Statistics: ended ? { DataScannedInBytes: execution.state === "SUCCEEDED" ? execution.scannedBytes : 0, EngineExecutionTimeInMillis: 1, TotalExecutionTimeInMillis: 1 } : {},
        },
      };
    },
    GetQueryResults: (body: { QueryExecutionId?: string; NextToken?: string; MaxResults?: number }) => {
      const execution = find(body.QueryExecutionId);
      if (execution.state !== "SUCCEEDED") throw new AthenaError("InvalidRequestException", `Query has not yet finished. Current state: ${execution.state}`);
      const result = execution.result!;
      // As Athena: the header is the first row of the first page; values are text, a null has no VarCharValue.
      const all = [result.columns, ...result.rows];
      const offset = body.NextToken ? Number(Buffer.from(body.NextToken, "base64").toString("utf8").split(":")[1]) : 0;
      const size = Math.min(body.MaxResults ?? 1000, options.pageSize ?? 1000);
      const page = all.slice(offset, offset + size);
      const next = offset + size < all.length ? Buffer.from(`${execution.id}:${offset + size}`).toString("base64") : undefined;
      return {
        ResultSet: {
          Rows: page.map((row) => ({ Data: row.map((value) => (value === null ? {} : { VarCharValue: value })) })),
          ResultSetMetadata: { ColumnInfo: result.columns.map((name, i) => ({ Name: name, Label: name, Type: result.types[i] ?? "varchar", Nullable: "UNKNOWN", CaseSensitive: true })) },
        },
        UpdateCount: 0,
        ...(next ? { NextToken: next } : {}),
      };
    },
    StopQueryExecution: (body: { QueryExecutionId?: string }) => {
      const execution = find(body.QueryExecutionId);
      if (execution.state === "QUEUED" || execution.state === "RUNNING") {
        execution.state = "CANCELLED";
        execution.completed = new Date();
      }
      return {};
    },
    GetTableMetadata: async (body: { CatalogName?: string; DatabaseName?: string; TableName?: string }) => {
      const table = tableOf(body.DatabaseName ?? "", body.TableName ?? "");
      const columns = await columnsOf(table);
      const partitionKeys = Object.keys(partitionedFiles(table.folder)[0]?.partitions ?? {});
      return {
        TableMetadata: {
          Name: table.table, TableType: "EXTERNAL_TABLE",
          Columns: columns.filter((c) => !partitionKeys.includes(c.name)).map((c) => ({ Name: c.name, Type: c.type })),
          PartitionKeys: partitionKeys.map((name) => ({ Name: name, Type: "string" })),
        },
      };
    },
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { __type: "InternalServerException", message: String(error) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers["x-amz-target"] ?? "");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const log: FakeAthena["requests"][number] = { target, status: 0 };
    requests.push(log);
    const fail = (status: number, code: string, message: string) => {
      log.status = status;
      log.errorCode = code;
      sendJson(res, status, { __type: code, Message: message });
    };
    const operation = target.startsWith(PREFIX) ? operations[target.slice(PREFIX.length)] : undefined;
    if (!operation) return fail(400, "UnknownOperationException", `Unknown operation ${JSON.stringify(target)}`);
    if (faults.take(target)?.kind === "throttle") return fail(400, "TooManyRequestsException", "Rate exceeded");
    try {
      const output = await operation(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
      log.status = 200;
      faults.recordSuccess(target);
      sendJson(res, 200, output);
    } catch (error) {
      if (!(error instanceof AthenaError)) throw error;
      fail(error.status, error.code, error.message);
    }
  }

  const listening = await listenLocal(server);
  return {
    url: listening.url,
    queries,
    requests,
    scriptQueries: (list) => scripts.push(...list),
    injectFaults: (list) => faults.add(list),
    close: async () => {
      await listening.close();
      await Promise.all(queries.map((query) => query.done));
      closeDuck(connection, duck);
    },
  };
}

function closeDuck(connection: DuckDBConnection, duck: DuckDBInstance): void {
  connection.closeSync();
  duck.closeSync();
}

function sendJson(res: ServerResponse, status: number, payload: object): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { "Content-Type": "application/x-amz-json-1.1", "Content-Length": Buffer.byteLength(body), "x-amzn-RequestId": randomUUID() });
  res.end(body);
}
