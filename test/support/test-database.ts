// A fresh database per test file: in-memory PGlite by default, or (npm run test:pg) a new
// PostgreSQL database created from TEST_DATABASE_URL and dropped afterwards.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database, type DatabaseTarget } from "../../db/client";

export const usesPostgres = process.env.TEST_DB === "postgres";
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres";

export interface TestDatabase extends Database {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!usesPostgres) {
    const database = await openDatabase({ kind: "pglite", dataDir: null });
    return { ...database, target: { kind: "pglite", dataDir: null }, drop: () => database.close() };
  }
  const name = `tallyboard_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { kind: "postgres", url: url.toString() };
  const database = await openDatabase(target);
  return {
    ...database,
    target,
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
