// An import run's data-quality report (stored on the run: job_runs.details.quality), by run id or
// the newest run that wrote rows.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import type { ImportQuality } from "../domain/import-quality-report";

export interface ImportQualityRecord {
  runId: number;
  status: string;
  location: string;
  startedAt: string;
  quality: ImportQuality;
}

export async function getImportQuality(db: DbOrTx, runId: number | "latest"): Promise<ImportQualityRecord | null> {
  const [row] = await queryRows<{ id: number; status: string; source: string; started_at: string; quality: ImportQuality }>(
    db,
    sql`select id::int, status::text, source, started_at::text, details -> 'quality' as quality from job_runs
        where job = 'import' and details ? 'quality' ${runId === "latest" ? sql`` : sql`and id = ${runId}`}
        order by id desc limit 1`,
  );
  return row ? { runId: Number(row.id), status: row.status, location: row.source, startedAt: row.started_at, quality: row.quality } : null;
}
