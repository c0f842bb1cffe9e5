// The benchmark's own PostgreSQL database (created, migrated and partitioned through openDatabase,
// dropped at the end), seeded with the org and ownership metadata the generated data refers to.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "../../db/client";
import { accounts, clusterRules, environmentTagValues, ownerTagKeys, ownershipRules, syncWatermarks, teams, COST_EXPLORER_SOURCE } from "../../db/schema";
import { addDays } from "../../db/calendar";
import { ACCOUNTS, CLAIMED_OWNERS, OWNERS, TAG_SPELLINGS } from "./generate-cur";
import { clusterOwnership } from "./generate-cluster-cur";
import { clusterRuleRows } from "../../jobs/ownership/cluster-rule-rows";

export interface BenchDatabase {
  database: Database;
  url: string;
  drop(): Promise<void>;
  /** Closes the connections and leaves the database (--keep). */
  keep(): Promise<void>;
  /** keep() with its URL printed when `keep`, else drop(). */
  finish(keep: boolean): Promise<void>;
}

export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `tallyboard_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: url.toString() });
  const drop = async () => {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  const keep = async () => {
    await database.close();
    await admin.end();
  };
  const finish = async (kept: boolean) => {
    if (!kept) return drop();
    console.error(`kept ${url}`);
    await keep();
  };
  return { database, url: url.toString(), drop, keep, finish };
}

/** Teams for every owner value, tag rules for the claimed ones, account rules as a fallback for a few accounts. */
export async function seedOwnership(database: Database): Promise<void> {
  const { db } = database;
  await db.insert(teams).values([{ id: "unattributed", name: "Unattributed", kind: "team" }, ...OWNERS.map((id) => ({ id, name: id, kind: "team" as const }))]).onConflictDoNothing();
  await db.insert(accounts).values(ACCOUNTS.map((id, i) => ({ id, name: `account-${i}`, environment: i % 4 === 0 ? ("development" as const) : ("production" as const) })));
  await db.insert(ownerTagKeys).values(TAG_SPELLINGS.map((tagKey, position) => ({ tagKey, position })));
  await db.insert(environmentTagValues).values([
    { tagKey: "env", tagValue: "production", environment: "production" },
    { tagKey: "env", tagValue: "development", environment: "development" },
  ]);
  await db.insert(ownershipRules).values([
    ...CLAIMED_OWNERS.map((owner, i) => ({ priority: 100 + i, kind: "tag" as const, tagValue: owner, teamId: owner, source: "bench" })),
    ...ACCOUNTS.slice(0, 5).map((accountId, i) => ({ priority: 1000 + i, kind: "account" as const, accountId, teamId: OWNERS[i]!, source: "bench" })),
  ]);
}

/** The cluster case's namespace owners, cluster owners and idle policies, as its ownership file's `kubernetes:` section gives them. */
export async function seedClusterOwnership(database: Database): Promise<void> {
  await database.db.insert(clusterRules).values(clusterRuleRows(clusterOwnership()).map((row) => ({ ...row, source: "bench" })));
}

/** The dashboards show days up to the last complete billing day: mark the generated range complete. */
export async function markBilledThrough(database: Database, lastDay: string): Promise<void> {
  await database.db.insert(syncWatermarks).values({ source: COST_EXPLORER_SOURCE, syncedThrough: addDays(lastDay, 1) });
}
