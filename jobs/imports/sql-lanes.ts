// The SQL import path on a real PostgreSQL, side by side: the file's bytes are cut into blocks at
// record boundaries, and each block is read and mapped in a short transaction of its own on another
// pooled connection (COPY into a temporary table, timestamps once per value, the checked mapping
// into an unlogged block table), LANES of them at a time, while the bytes keep streaming. One
// PostgreSQL backend parses and maps at a time otherwise; lanes put every core to work. The import
// transaction inserts each finished block while the next ones are read, so what is written is
// still one transaction: the block tables are scratch, dropped when the import is over (or, after
// a crash, by the next import).
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import type { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { queryRows, type Database, type DbOrTx } from "../../db/client";
import { recordSlices } from "../../db/copy-bytes";
import { CsvShape } from "./csv-shape";
import type { ImportFormat } from "./line-item";
import type { PeriodSummary } from "./scan-file";
import { MAPPED_COLUMNS } from "./sql-fields";
import { createRawTable, insertMapped, mappedRows, mappingFor, rawColumns, readPeriods, shaped, SqlPathRefused, withTagKeysRegistered, type MappingBuilder, type SqlStagedFile } from "./sql-stage";

/** Blocks in flight: one per core and one more, so no core waits while Node reads the next block. */
const LANES = Math.max(2, Math.min(4, availableParallelism())) + 1;
const BLOCK_BYTES = 32 << 20;
const BLOCK_PREFIX = "import_block_";
/** A block table left by a process that died is dropped by the next import once this old. */
const ORPHAN_AFTER_S = 24 * 3600;

/** The unlogged block tables of one import, dropped by `drop()` once its transaction is over. */
export class BlockTables {
  readonly names: string[] = [];
  private readonly prefix = `${BLOCK_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}_`;

  constructor(
    private readonly database: Database,
    /** How much of the file one block holds. */
    readonly blockBytes = BLOCK_BYTES,
  ) {}

  next(): string {
    const name = `${this.prefix}${this.names.length}`;
    this.names.push(name);
    return name;
  }

  async drop(): Promise<void> {
    for (const name of this.names) await this.database.db.execute(sql.raw(`drop table if exists ${name}`));
    this.names.length = 0;
  }
}

/** Drops block tables a crashed import left behind (named with their creation time). */
export async function dropOrphanBlocks(db: DbOrTx): Promise<void> {
  const tables = await queryRows<{ name: string }>(db, sql`select relname as name from pg_class where relkind = 'r' and relname like ${`${BLOCK_PREFIX}%`}`);
  const now = Date.now() / 1000;
  for (const { name } of tables) {
    const created = Number(name.slice(BLOCK_PREFIX.length).split("_")[0]);
    if (Number.isFinite(created) && now - created > ORPHAN_AFTER_S) await db.execute(sql.raw(`drop table if exists ${name}`));
  }
}

interface Block {
  table: string;
  rows: number;
  periods: Map<string, PeriodSummary>;
}

/** A finished block, for the import transaction to write. */
export interface MappedBlock {
  periods: Map<string, PeriodSummary>;
  firstDay: string;
  lastDay: string;
  /** Inserts the block's rows under the periods' batches (its tag keys registered); returns how many. */
  insert(tx: DbOrTx, source: string, batchIds: Map<string, number>): Promise<number>;
}

/**
 * Reads the file in blocks, LANES at a time, and hands each finished block to `write` (one after the
 * other, in the order they finish) while the next ones are read. The staged file's own insert has
 * nothing left to do.
 */
export async function stageInLanes(database: Database, blocks: BlockTables, format: ImportFormat, header: string[], stream: Readable, write: (block: MappedBlock) => Promise<void>): Promise<SqlStagedFile> {
  const build = mappingFor(format, header);
  const tagKeys = build(header, false).tagKeys;
  const columns = sql.raw(["day", "period", ...MAPPED_COLUMNS].join(", "));
  const shape = new CsvShape();
  const done: Block[] = [];
  const running = new Set<Promise<void>>();
  let writing = Promise.resolve();
  let failure: unknown;
  const finished = (block: Block) => {
    done.push(block);
    if (block.rows === 0) return;
    const days = [...block.periods.values()].flatMap((period) => [period.firstDay, period.lastDay]).sort();
    const mapped: MappedBlock = {
      periods: block.periods,
      firstDay: days[0]!,
      lastDay: days.at(-1)!,
      insert: (tx, source, batchIds) => withTagKeysRegistered(tx, { tagKeys, periods: block.periods }, () => insertMapped(tx, sql`select ${columns} from ${sql.raw(block.table)}`, source, batchIds)),
    };
    writing = writing.then(() => (failure ? undefined : write(mapped))).catch((error: unknown) => void (failure ??= error));
  };
  try {
    let index = 0;
    for await (const slice of recordSlices(shaped(stream, shape), blocks.blockBytes)) {
      if (failure) break;
      // Whitespace seen so far decides this block's trimming: a block after the first untrimmed field trims.
      const task = mapBlock(database, build, header, blocks.next(), slice, index === 0, shape.untrimmed).then(finished, (error: unknown) => void (failure ??= error));
      running.add(task);
      void task.finally(() => running.delete(task));
      index++;
      if (running.size >= LANES) await Promise.race(running);
    }
  } finally {
    await Promise.all(running);
    await writing;
  }
  if (failure) throw failure instanceof SqlPathRefused ? failure : new SqlPathRefused(`PostgreSQL refused the file: ${(failure as Error).message}`, { cause: failure });
  if (shape.malformed) throw new SqlPathRefused("CSV quoting csv-parse would refuse");
  const rows = done.reduce((sum, block) => sum + block.rows, 0);
  if (rows !== shape.records()) throw new SqlPathRefused(`COPY read ${rows} rows of ${shape.records()} records`);
  return { rows, periods: mergePeriods(done), insert: async () => 0 };
}

/** One block, in a transaction of its own: COPY, timestamps, then the checked mapping into the block table. */
async function mapBlock(database: Database, build: MappingBuilder, header: string[], table: string, slice: Buffer[], first: boolean, trim: boolean): Promise<Block> {
  return database.db.transaction(async (lane) => {
    const [raw, days] = [`${table}_raw`, `${table}_days`];
    await lane.execute(createRawTable(raw, header));
    await database.copyBytes(lane, raw, rawColumns(header), (async function* () { yield* slice; })(), first);
    await lane.execute(sql`set local jit = off`);
    const mapping = build(header, trim);
    const { rows, periods } = await readPeriods(lane, mapping, raw, days);
    await lane.execute(sql`create unlogged table ${sql.raw(table)} as ${mappedRows(mapping, raw, days)}`);
    return { table, rows, periods };
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
