// The SQL import path on a real PostgreSQL, side by side: the file's bytes are cut into blocks at
// record boundaries, and each block is read and mapped in a short transaction of its own on another
// pooled connection (COPY into a temporary table, timestamps once per value, the checked mapping
// into an unlogged block table), LANES of them at a time, while the bytes keep streaming. One
// PostgreSQL backend parses and maps at a time otherwise; lanes put every core to work. The import
// transaction inserts each finished block while the next ones are read, so what is written is
// still one transaction: the block tables are scratch, dropped when the import is over (or, after
// a crash, by the next import). A month the database has no partition for yet is written once: its
// blocks go straight into a new table shaped as the month's partition, which the import
// transaction attaches (the first load of a month, and every backfill, is most of the bytes).
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import type { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { queryRows, type Database, type DbOrTx } from "../../db/client";
import { recordSlices } from "../../db/copy-bytes";
import { addDays } from "../../db/calendar";
import { attachMonthTable, createMonthTable, hasMonthPartition, monthPartitionsOf, monthsOfRange, nextMonth, partitionName, type MonthTable } from "../../db/line-item-partitions";
import { CsvShape } from "./csv-shape";
import type { ImportFormat } from "./line-item";
import { dayRange, type PeriodSummary } from "./scan-file";
import { MAPPED_COLUMNS, type FieldShape } from "./sql-fields";
import { createRawTable, insertMapped, mappedRows, mappingFor, rawColumns, readPeriods, shaped, SqlPathRefused, withinMonth, withTagKeysRegistered, type MappingBuilder, type SqlStagedFile } from "./sql-stage";

/** Blocks in flight: one per core and one more, so no core waits while Node reads the next block. */
export const LANES = Math.max(2, Math.min(4, availableParallelism())) + 1;
const BLOCK_BYTES = 32 << 20;
const BLOCK_PREFIX = "import_block_";

/** The scratch tables of one import (unlogged blocks, fresh months not attached), dropped by `drop()` once its transaction is over. */
export class BlockTables {
  readonly names: string[] = [];
  private readonly prefix = `${BLOCK_PREFIX}${randomBytes(4).toString("hex")}_`;

  constructor(
    private readonly database: Database,
    /** How much of the file one block holds. */
    readonly blockBytes = BLOCK_BYTES,
  ) {}

  private readonly months = new Map<string, Promise<MonthTable | null>>();

  next(): string {
    const name = `${this.prefix}${this.names.length}`;
    this.names.push(name);
    return name;
  }

  /** The tables lanes write the rows of [fromDay, lastDay] straight into; null when one of the
   *  months had a partition when first asked for (its rows go through the import transaction). */
  async freshMonths(fromDay: string, lastDay: string): Promise<MonthTable[] | null> {
    const tables: MonthTable[] = [];
    for (const month of monthsOfRange(fromDay, addDays(lastDay, 1))) {
      if (!this.months.has(month)) this.months.set(month, this.createFresh(month));
      const table = await this.months.get(month)!;
      if (!table) return null;
      tables.push(table);
    }
    return tables;
  }

  /** Once every lane is done, before the attach: each fresh month's BRIN index on `day`, built side by
   *  side on pooled connections (attaching a month then takes its index instead of building it, one
   *  month after the other, in the import transaction). */
  async indexFreshMonths(): Promise<void> {
    const fresh = (await Promise.all(this.months.values())).filter((month) => month !== null);
    await Promise.all(fresh.map((month) => this.database.db.execute(sql.raw(`create index ${month.table}_day_idx on ${month.table} using brin (day)`))));
  }

  /** In the import transaction, once every lane is done: each fresh month becomes its partition (or,
   *  when the month got one meanwhile, its rows are copied into it). Returns the months attached. */
  async attachFreshMonths(tx: DbOrTx): Promise<string[]> {
    const attached: string[] = [];
    for (const pending of this.months.values()) {
      const fresh = await pending;
      if (!fresh) continue;
      if (await attachMonthTable(tx, fresh.table, fresh.from)) attached.push(fresh.from);
      else await tx.execute(sql.raw(`insert into ${partitionName(fresh.from)} select * from ${fresh.table}`));
    }
    return attached.sort();
  }

  private async createFresh(month: string): Promise<MonthTable | null> {
    // On a pooled connection of its own: a table made inside one lane's transaction is not there for the others.
    if (await hasMonthPartition(this.database.db, month)) return null;
    const table = `${this.prefix}m${month.slice(0, 4)}${month.slice(5, 7)}`;
    this.names.push(table);
    await createMonthTable(this.database.db, table, month);
    return { table, from: month, to: nextMonth(month) };
  }

  async drop(): Promise<void> {
    for (const name of this.names) await this.database.db.execute(sql.raw(`drop table if exists ${name}`));
    this.names.length = 0;
  }
}

/**
 * Drops the block tables an import that crashed left behind. Called by the import transaction once it
 * holds the import lock: every other import's transaction is over then, so every block table there
 * is an orphan (or being dropped by its import already). Temporary ones belong to other sessions.
 */
export async function dropOrphanBlocks(tx: DbOrTx): Promise<void> {
  const tables = await queryRows<{ name: string }>(tx, sql`select relname as name from pg_class where relkind = 'r' and relpersistence <> 't' and relname like ${`${BLOCK_PREFIX}%`}`);
  for (const { name } of tables) await tx.execute(sql.raw(`drop table if exists ${name}`));
}

interface Block {
  table: string;
  rows: number;
  periods: Map<string, PeriodSummary>;
  /** Every tag key a row can hold, when the header tells (the mapping's). */
  tagKeys?: string[];
  /** The rows are in fresh month tables already (BlockTables.freshMonths). */
  written: boolean;
}

/** A finished block, for the import transaction to write. */
export interface MappedBlock {
  periods: Map<string, PeriodSummary>;
  firstDay: string;
  lastDay: string;
  /** The rows are in fresh month tables already: insert only registers their tag keys. */
  written: boolean;
  /** Inserts the block's rows under the periods' batches (its tag keys registered); returns how many. */
  insert(tx: DbOrTx, batchIds: Map<string, number>): Promise<number>;
}

/** Where a file's blocks go: its line items' source, its batch ids, and the import transaction's writer. */
export interface BlockSink {
  source: string;
  /** The batch ids of these periods, new ones taken on `db`. */
  batchIds(periods: string[], db: DbOrTx): Promise<Map<string, number>>;
  write(block: MappedBlock): Promise<void>;
}

/**
 * Reads the file in blocks, LANES at a time, and hands each finished block to the sink (one after
 * the other, in the order they finish) while the next ones are read: the staged file has no insert left.
 */
export async function stageInLanes(database: Database, blocks: BlockTables, format: ImportFormat, header: string[], stream: Readable, sink: BlockSink): Promise<SqlStagedFile> {
  const build = mappingFor(format, header);
  const columns = sql.raw(["day", "period", ...MAPPED_COLUMNS].join(", "));
  const shape = new CsvShape();
  const done: Block[] = [];
  const running = new Set<Promise<void>>();
  let writing = Promise.resolve();
  let failure: unknown;
  const finished = (block: Block) => {
    done.push(block);
    if (block.rows === 0) return;
    const [firstDay, lastDay] = dayRange(block.periods)!;
    const mapped: MappedBlock = {
      periods: block.periods,
      firstDay,
      lastDay,
      written: block.written,
      insert: (tx, batchIds) =>
        withTagKeysRegistered(tx, block, async (registered) => {
          if (block.written) return block.rows;
          const into = registered ? await monthPartitionsOf(tx, firstDay, addDays(lastDay, 1)) : null;
          return insertMapped(tx, (month) => sql`select ${columns} from ${sql.raw(block.table)} where true ${withinMonth(sql`day`, month)}`, sink.source, batchIds, into);
        }),
    };
    writing = writing.then(() => (failure ? undefined : sink.write(mapped))).catch((error: unknown) => void (failure ??= error));
  };
  try {
    let index = 0;
    for await (const slice of recordSlices(shaped(stream, shape), blocks.blockBytes)) {
      // What the bytes so far hold decides this block's mapping: a block after the first untrimmed field trims.
      const fieldShape = { trim: shape.untrimmed, jsonEscapes: shape.jsonEscapes };
      // Read while every lane was busy, the block waits here for the first to be free.
      if (running.size >= LANES) await Promise.race(running);
      if (failure) break;
      const task = mapBlock(database, blocks, sink, build, header, slice, index === 0, fieldShape).then(finished, (error: unknown) => void (failure ??= error));
      running.add(task);
      void task.finally(() => running.delete(task));
      index++;
    }
  } finally {
    await Promise.all(running);
    await writing;
  }
  if (failure) throw failure instanceof SqlPathRefused ? failure : new SqlPathRefused(`PostgreSQL refused the file: ${(failure as Error).message}`, { cause: failure });
  if (shape.malformed) throw new SqlPathRefused("CSV quoting csv-parse would refuse");
  const rows = done.reduce((sum, block) => sum + block.rows, 0);
  if (rows !== shape.records()) throw new SqlPathRefused(`COPY read ${rows} rows of ${shape.records()} records`);
  return { rows, periods: mergePeriods(done) };
}

/**
 * One block, in a transaction of its own: COPY, timestamps, then the checked mapping, straight into
 * fresh month tables when every month it holds has one (and its tag keys are known, to register
 * them), else into the block table.
 */
async function mapBlock(database: Database, blocks: BlockTables, sink: BlockSink, build: MappingBuilder, header: string[], slice: Buffer[], first: boolean, fieldShape: FieldShape): Promise<Block> {
  const table = blocks.next();
  return database.db.transaction(async (lane) => {
    const [raw, days] = [`${table}_raw`, `${table}_days`];
    await lane.execute(createRawTable(raw, header));
    await database.copyBytes(lane, raw, rawColumns(header), (async function* () { yield* slice; })(), first);
    await lane.execute(sql`set local jit = off`);
    const mapping = build(header, fieldShape);
    const { rows, periods } = await readPeriods(lane, mapping, raw, days);
    const fresh = mapping.tagKeys && rows > 0 ? await blocks.freshMonths(...dayRange(periods)!) : null;
    if (fresh) {
      const written = await insertMapped(lane, (month) => mappedRows(mapping, raw, days, month), sink.source, await sink.batchIds([...periods.keys()], lane), fresh);
      if (written !== rows) throw new Error(`a block wrote ${written} of its ${rows} rows`);
      return { table, rows, periods, tagKeys: mapping.tagKeys, written: true };
    }
    await lane.execute(sql`create unlogged table ${sql.raw(table)} as ${mappedRows(mapping, raw, days)}`);
    return { table, rows, periods, tagKeys: mapping.tagKeys, written: false };
  });
}

function mergePeriods(blocks: Block[]): Map<string, PeriodSummary> {
  const periods = new Map<string, PeriodSummary>();
  for (const block of blocks) {
    for (const [period, summary] of block.periods) {
      const seen = periods.get(period);
      if (!seen) periods.set(period, { ...summary });
      else {
        seen.rows += summary.rows;
        if (summary.firstDay < seen.firstDay) seen.firstDay = summary.firstDay;
        if (summary.lastDay > seen.lastDay) seen.lastDay = summary.lastDay;
      }
    }
  }
  return periods;
}
