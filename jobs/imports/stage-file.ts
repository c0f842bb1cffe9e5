// One changed file into staging, while the import transaction is open: CSV (Parquet as the CSV of
// its layout, parquet-to-csv.ts) of a format SQL maps goes the PostgreSQL way (COPY the bytes, check
// and map in SQL: in lanes beside the transaction on a real PostgreSQL, sql-lanes.ts, inside it on
// PGlite, sql-stage.ts); any file the SQL path refuses goes the Node way (parse, map and check each
// row, COPY into import_stage).
import type { Readable } from "node:stream";
import type { Database, DbOrTx } from "../../db/client";
import { sourceOf, type FormatOption } from "./detect-format";
import type { ImportFile } from "./import-file";
import { ImportError } from "./import-error";
import type { ImportedLineItem, ImportFormat } from "./line-item";
import { mapFile, resolveFormat } from "./map-file";
import { openContent, peek, type FileContent } from "./read-rows";
import { stageParquetDirect } from "./parquet-direct";
import { hashing, type PeriodSummary, type ScannedFile } from "./scan-file";
import { mapsInSql, peekCsvHeader, SqlPathRefused, stageInTransaction, type SqlStagedFile } from "./sql-stage";
import { SPLIT_LINE_COLUMNS } from "./split-columns";
import { stageInLanes, type BlockTables, type MappedBlock } from "./sql-lanes";

export type ParseIn = "postgres" | "node";

const PARQUET = Buffer.from("PAR1");

/** The import transaction's side of the lanes (sql-lanes.ts): batch ids, and a block written as soon as a lane has it. */
export interface BlockWriter {
  batchIds(fileIndex: number, periods: string[], db: DbOrTx): Promise<Map<string, number>>;
  write(fileIndex: number, block: MappedBlock): Promise<void>;
}

export const NODE_STAGE = "import_stage";
export const NODE_STAGE_COLUMNS = ["file_index", "billing_period", "day", "account_id", "service", "region", "usage_type", "record_type", "resource_id", "tags", "unblended_cost", "amortized_cost", "net_amortized_cost", "usage_quantity", "invoice_id", ...SPLIT_LINE_COLUMNS] as const;

export interface StagedFile extends ScannedFile {
  /** Set when PostgreSQL parsed the file: inserts its mapped rows once the batches exist. */
  raw?: SqlStagedFile;
}

/** A file to stage, with its content hash when it was taken before the transaction (import-files.ts). */
export interface FileToStage {
  file: ImportFile;
  sha256?: string;
}

export async function stageFile(database: Database, tx: DbOrTx, blocks: BlockTables, index: number, { file, sha256 }: FileToStage, option: FormatOption, parseIn: ParseIn, writer: BlockWriter): Promise<StagedFile> {
  // Without a hash taken before, the file's version (size and time written) before and after the read tells a file written meanwhile.
  const versionBefore = sha256 ? undefined : await file.version?.();
  const { stream, digest } = hashing(await file.open());
  const readWhole = async (): Promise<string> => {
    const read = digest();
    if (sha256 ? read !== sha256 : versionBefore !== (await file.version?.())) throw new Error(`${file.name} changed while it was being imported; run the import again`);
    return read;
  };
  let input: Readable = stream;
  if (parseIn === "postgres" && database.kind === "postgres") {
    // A Parquet file DuckDB maps itself skips the CSV (parquet-direct.ts); else its bytes come back.
    const head = await peek(stream, 4);
    input = head.stream;
    if (head.head.subarray(0, 4).equals(PARQUET)) {
      const direct = await stageParquetDirect(database, blocks, file.name, input, option, {
        source: "cur",
        batchIds: (periods, db) => writer.batchIds(index, periods, db),
        write: (block) => writer.write(index, block),
      }).catch((error: Error) => {
        throw error instanceof SqlPathRefused || error instanceof ImportError ? error : new SqlPathRefused(`PostgreSQL refused the file: ${error.message}`, { cause: error });
      });
      if ("declined" in direct) input = direct.declined;
      else {
        const read = await readWhole();
        const { staged } = direct;
        return { file, sha256: read, format: "cur", columns: staged.columns, rows: staged.rows, periods: staged.periods, raw: staged, parsedBy: "duckdb" };
      }
    }
  }
  const opened = await openContent(file.name, input);
  try {
    const staged = await stageContent(database, tx, blocks, index, file, opened, option, parseIn, writer);
    return { ...staged, sha256: await readWhole() };
  } finally {
    opened.stream.destroy(); // read to the end unless the file failed: then its handle (a Parquet file's CSV) closes now
  }
}

type StagedContent = Omit<StagedFile, "sha256">;

async function stageContent(database: Database, tx: DbOrTx, blocks: BlockTables, index: number, file: ImportFile, opened: FileContent, option: FormatOption, parseIn: ParseIn, writer: BlockWriter): Promise<StagedContent> {
  let content = opened;
  let staged: StagedContent;
  if (parseIn === "postgres") {
    const header = await peekCsvHeader(content.stream).catch((error: Error) => {
      throw new SqlPathRefused(`the header is not plain CSV: ${error.message}`, { cause: error });
    });
    const format = resolveFormat(file.name, header.columns, option);
    content = { ...content, stream: header.stream };
    if (mapsInSql(format)) {
      let raw: SqlStagedFile;
      try {
        raw =
          database.kind === "postgres"
            ? await stageInLanes(database, blocks, format, header.columns, content.stream, {
                source: sourceOf(format),
                batchIds: (periods, db) => writer.batchIds(index, periods, db),
                write: (block) => writer.write(index, block),
              })
            : await stageInTransaction(tx, database.copyBytes, index, format, header.columns, content.stream);
      } catch (error) {
        throw error instanceof SqlPathRefused || error instanceof ImportError ? error : new SqlPathRefused(`PostgreSQL refused the file: ${(error as Error).message}`, { cause: error });
      }
      staged = { file, format, columns: header.columns, rows: raw.rows, periods: raw.periods, raw, parsedBy: "postgres" };
    } else staged = await stageInNode(database, tx, index, file, content, option);
  } else staged = await stageInNode(database, tx, index, file, content, option);
  return staged;
}

async function stageInNode(database: Database, tx: DbOrTx, index: number, file: ImportFile, content: FileContent, option: FormatOption): Promise<StagedContent> {
  const mapped = await mapFile(file.name, content, option);
  const periods = new Map<string, PeriodSummary>();
  const fileIndex = String(index);
  const rows = (async function* () {
    for await (const item of mapped.items) {
      const period = periods.get(item.billingPeriod);
      if (!period) periods.set(item.billingPeriod, { rows: 1, firstDay: item.day, lastDay: item.day });
      else {
        period.rows++;
        if (item.day < period.firstDay) period.firstDay = item.day;
        if (item.day > period.lastDay) period.lastDay = item.day;
      }
      yield stageRow(item, fileIndex);
    }
  })();
  const written = await database.copyRows(tx, NODE_STAGE, NODE_STAGE_COLUMNS, rows);
  return { file, format: mapped.format, columns: mapped.columns, rows: written, periods, parsedBy: "node" };
}

function stageRow(item: ImportedLineItem, fileIndex: string): (string | null)[] {
  return [fileIndex, item.billingPeriod, item.day, item.accountId, item.service, item.region, item.usageType, item.recordType, item.resourceId, JSON.stringify(item.tags), item.unblended, item.amortized, item.netAmortized, item.usageQuantity, item.invoiceId, ...SPLIT_LINE_COLUMNS.map((column) => item.split?.[column] ?? null)];
}
