// Drill-downs that need single lines when the pass ran on DuckDB or Athena and PostgreSQL holds only
// grouped facts: asked of the engine on demand, limited (a few dozen rows) and cached until the next
// pass, so a page read twice, by the cache warmer and then a person, or after an unrelated change (a
// budget edit) queries the export once: an Athena query is paid by the bytes it scans.
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { firstOfMonth, addDays } from "../../db/calendar";
import type { EngineConfig } from "../config/engine-config";
import { athenaEngine } from "./athena-engine";
import { duckdbEngine } from "./duckdb-engine";
import { factLinesSql, untaggedResourcesSql, type DrillMeasure, type FactKey } from "./drill-down-sql";
import type { PassEngine, PassRows, PassSource } from "./pass-engine";

/** Rows a drill-down returns at most. */
export const DRILL_DOWN_LIMIT = 25;
/** Facts whose lines the Why panel asks for at most (the largest the rules took that day). */
export const DRILL_DOWN_FACTS = 200;
const CACHED_ANSWERS = 200;

export interface EngineUntaggedResource {
  resourceId: string;
  accountId: string;
  service: string;
  region: string;
  lastDay: string;
  amount: string;
  lines: number;
}

/** A line item as the Why panel lists it, with the rule that took it. */
export interface SampleLine {
  ruleId: number;
  accountId: string;
  service: string;
  recordType: string;
  resourceId: string | null;
  tags: Record<string, string>;
  amortized: string;
}

/** A line read from the export, with the index (in the list asked about) of the fact it belongs to. */
export type EngineLine = Omit<SampleLine, "ruleId"> & { fact: number };

export interface DrillDowns {
  engine: "duckdb" | "athena";
  untaggedResources(range: { from: string; to: string }, measure: DrillMeasure): Promise<EngineUntaggedResource[]>;
  factLines(day: string, facts: FactKey[]): Promise<EngineLine[]>;
}

/** The latest successful pass: where it read (DuckDB's files) and the tag keys its facts kept. */
async function latestPass(db: DbOrTx, engine: string): Promise<{ id: number; location: string; tagKeys: string[] } | null> {
  const [run] = await queryRows<{ id: number; location: string; tagKeys: string[] | null }>(
    db,
    sql`select id::int as id, source as location, details -> 'tagKeys' as "tagKeys" from job_runs
        where job = 'import' and status = 'succeeded' and details ->> 'engine' = ${engine} order by id desc limit 1`,
  );
  return run ? { id: run.id, location: run.location, tagKeys: run.tagKeys ?? [] } : null;
}

/** The billing periods (YYYY-MM-01) a day range touches. */
function periodsOf(from: string, to: string): string[] {
  const periods: string[] = [];
  for (let month = firstOfMonth(from); month <= to; month = firstOfMonth(addDays(month, 32))) periods.push(month);
  return periods;
}

const periodWhere = (source: PassSource, periods: string[]) =>
  source.periodFilter ? periods.map((period) => `(${source.periodFilter!(period)})`).join(" or ") : undefined;

const byName = (result: PassRows) => result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i] ?? null])));

/** Owner tag keys as a source spells them: a tag-per-column export names its own (case aside). */
function ownerKeysOf(source: PassSource, ownerKeys: string[]): string[] {
  if (!source.layout.tagKeys) return ownerKeys;
  const wanted = new Set(ownerKeys.map((key) => key.toLowerCase()));
  return source.layout.tagKeys.filter((key) => wanted.has(key.toLowerCase()));
}

export function engineDrillDowns(db: DbOrTx, engine: "duckdb" | "athena", open: (location: string) => Promise<PassEngine>): DrillDowns {
  const cache = new Map<string, Promise<unknown>>();
  /** One engine session per question; answers cached by the pass they ask about. */
  async function cached<T>(key: string, ask: (engine: PassEngine, tagKeys: string[]) => Promise<T>, none: T): Promise<T> {
    const pass = await latestPass(db, engine);
    if (!pass) return none; // no pass yet: nothing of this engine's in PostgreSQL
    const full = `${pass.id}|${key}`;
    const hit = cache.get(full) as Promise<T> | undefined;
    if (hit) return hit;
    const answer = (async () => {
      const session = await open(pass.location);
      try {
        return await ask(session, pass.tagKeys);
      } finally {
        await session.close();
      }
    })();
    cache.set(full, answer);
    answer.catch(() => cache.delete(full)); // a failed question is asked again next time
    while (cache.size > CACHED_ANSWERS) cache.delete(cache.keys().next().value!);
    return answer;
  }

  return {
    engine,
    untaggedResources: async (range, measure) => {
      const ownerKeys = (await queryRows<{ key: string }>(db, sql`select tag_key as key from owner_tag_keys order by position`)).map((row) => row.key);
      return cached(`untagged|${range.from}|${range.to}|${measure}|${JSON.stringify(ownerKeys)}`, async (session) => {
        const merged = new Map<string, EngineUntaggedResource>();
        for (const source of session.sources) {
          const input = { from: source.from, where: periodWhere(source, periodsOf(range.from, range.to)), layout: source.layout, tagKeys: ownerKeysOf(source, ownerKeys), ownerLikeKeys: [], resourceIds: true };
          const rows = byName(await session.run({ sql: untaggedResourcesSql(input, range, measure, DRILL_DOWN_LIMIT), label: `untagged resources ${source.label}` }));
          for (const row of rows) {
            const seen = merged.get(row.resource_id!);
            if (!seen) {
              merged.set(row.resource_id!, { resourceId: row.resource_id!, accountId: row.account_id!, service: row.service!, region: row.region ?? "", lastDay: row.last_day!, amount: new Decimal(row.amount!).toFixed(), lines: Number(row.lines) });
            } else {
              seen.amount = new Decimal(seen.amount).plus(row.amount!).toFixed();
              seen.lines += Number(row.lines);
              if (row.last_day! > seen.lastDay) seen.lastDay = row.last_day!;
            }
          }
        }
        return [...merged.values()].sort((a, b) => new Decimal(b.amount).comparedTo(a.amount) || (a.resourceId < b.resourceId ? -1 : 1)).slice(0, DRILL_DOWN_LIMIT);
      }, []);
    },
    factLines: (day, facts) =>
      facts.length === 0
        ? Promise.resolve([])
        : cached(`lines|${day}|${JSON.stringify(facts)}`, async (session, tagKeys) => {
            const lines: EngineLine[] = [];
            for (const source of session.sources) {
              // A tag-per-column export may lack some kept keys: those are absent (null) on its lines.
              const keys = source.layout.tagKeys ? tagKeys.filter((key) => source.layout.tagKeys!.includes(key)) : tagKeys;
              const missing = tagKeys.filter((key) => !keys.includes(key));
              const possible = facts.map((fact, i) => ({ fact, i })).filter(({ fact }) => missing.every((key) => fact.tags[key] === undefined));
              if (possible.length === 0) continue;
              const input = { from: source.from, where: periodWhere(source, [firstOfMonth(day)]), layout: source.layout, tagKeys: keys, ownerLikeKeys: [], resourceIds: true };
              const result = await session.run({ sql: factLinesSql(input, day, possible.map(({ fact }) => fact), DRILL_DOWN_LIMIT), label: `lines of ${day} ${source.label}` });
              for (const row of byName(result)) {
                const tags = Object.fromEntries(keys.flatMap((key, i) => (row[`tag_${i}`] === null ? [] : [[key, row[`tag_${i}`]!]])));
                lines.push({ fact: possible[Number(row.fact)]!.i, accountId: row.account_id!, service: row.service!, recordType: row.record_type!, resourceId: row.resource_id ?? null, tags, amortized: new Decimal(row.amortized!).toFixed() });
              }
            }
            return lines.sort((a, b) => new Decimal(b.amortized).comparedTo(a.amortized) || String(a.resourceId).localeCompare(String(b.resourceId))).slice(0, DRILL_DOWN_LIMIT);
          }, []),
  };
}

/** The drill-downs of the configured engine; null on the PostgreSQL path (every line is there). */
export function configuredDrillDowns(db: DbOrTx, config: EngineConfig): DrillDowns | null {
  if (config.name === "athena") return engineDrillDowns(db, "athena", () => athenaEngine(config.athena!));
  if (config.name === "duckdb") return engineDrillDowns(db, "duckdb", (location) => duckdbEngine(location));
  return null;
}
