// The demo company's business inputs, loaded on start into tables that are still empty, so edits
// made later (uploads, pushes) are never overwritten by a restart.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import type { BusinessKind } from "./business-kinds";
import { importBusinessFile, type BusinessImportResult } from "./business-import";

export const DEMO_BUSINESS_FILES: Record<BusinessKind, string> = {
  operations: "operations.csv",
  headcount: "headcount.csv",
  revenue: "revenue.csv",
  vendors: "vendors.csv",
  goals: "goals.csv",
};

const tables: Record<BusinessKind, string> = {
  operations: "product_operations",
  headcount: "headcount",
  revenue: "revenue_months",
  vendors: "vendors",
  goals: "metric_goals",
};

export async function isBusinessTableEmpty(db: DbOrTx, kind: BusinessKind): Promise<boolean> {
  const rows = await queryRows<{ empty: boolean }>(db, sql`select not exists (select 1 from ${sql.raw(tables[kind])}) as empty`);
  return rows[0]?.empty === true;
}

export async function loadDemoBusinessInputs(db: DbOrTx, demoDir: string): Promise<BusinessImportResult[]> {
  const loaded: BusinessImportResult[] = [];
  for (const [kind, file] of Object.entries(DEMO_BUSINESS_FILES) as [BusinessKind, string][]) {
    const path = join(demoDir, file);
    if (existsSync(path) && (await isBusinessTableEmpty(db, kind))) loaded.push(await importBusinessFile(db, kind, path));
  }
  return loaded;
}
