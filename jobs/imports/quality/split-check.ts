// The import's check of split cost allocation data: per EC2 instance and hour, the pods' (or tasks')
// split cost + unused cost must add up to the instance's amortized cost (docs/clusters.md). AWS
// computes them so; a difference means a partial delivery or a restatement only one side got, and
// attribution through pods would hand out the instance's billed cost by skewed weights. Reported per
// instance, never hidden.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../../db/client";
import { createScratchTable } from "../../../db/scratch-table";
import type { QualityWarning } from "../../../db/domain/import-quality-report";
import type { DayWindow } from "../../sync/billing-window";
import { newLines } from "./new-lines";
import { daysInWindow } from "../../sync/days-in-window";

/** Below this (a hundredth of a cent per instance-hour) a difference is the doubles' rounding, not a mismatch. */
export const SPLIT_TOLERANCE = "0.0001";
/** Instances named one by one; the rest are counted in one more warning. */
const MAX_NAMED = 20;
const SPLIT_HOURS = "split_check_hours";

interface Mismatch {
  instance: string;
  hours: number;
  first: string;
  pods: string;
  billed: string;
}

/** Instances whose split lines (among the new batches) do not add up to their amortized cost in some hour. */
export async function splitMismatchWarnings(tx: DbOrTx, batchIds: number[], window: DayWindow): Promise<QualityWarning[]> {
  if (batchIds.length === 0) return [];
  // The new split lines per instance-hour, in a table the scan for the instances' own lines can run on workers with.
  await createScratchTable(
    tx,
    SPLIT_HOURS,
    sql`select li.day, li.usage_hour, li.parent_resource_id as instance, sum(coalesce(li.split_cost, 0) + coalesce(li.unused_cost, 0)) as pods
        from cost_line_items li where ${newLines(window, batchIds)} and li.parent_resource_id is not null
        group by 1, 2, 3`,
    true,
  );
  const mismatches = await queryRows<Mismatch>(
    tx,
    sql`with instances as (
          select li.day, li.usage_hour, li.resource_id as instance, sum(li.amortized_cost) as billed
          from cost_line_items li where ${daysInWindow(window, "li")} and li.source = 'cur' and li.usage_hour is not null and li.parent_resource_id is null
            and li.resource_id in (select distinct instance from ${sql.raw(SPLIT_HOURS)})
          group by 1, 2, 3
        ), hours as (
          select p.instance, p.day, p.usage_hour, p.pods, coalesce(i.billed, 0) as billed
          from ${sql.raw(SPLIT_HOURS)} p left join instances i on i.day = p.day and i.usage_hour is not distinct from p.usage_hour and i.instance = p.instance
          where abs(p.pods - coalesce(i.billed, 0)) >= ${SPLIT_TOLERANCE}::numeric
        )
        select instance, count(*)::int as hours, min(day::text || ' ' || lpad(coalesce(usage_hour, 0)::text, 2, '0') || ':00') as first,
               sum(pods)::text as pods, sum(billed)::text as billed
        from hours group by instance order by instance`,
  );
  await tx.execute(sql.raw(`drop table ${SPLIT_HOURS}`));
  const warnings: QualityWarning[] = mismatches.slice(0, MAX_NAMED).map((m) => ({
    code: "split-mismatch",
    file: null,
    instance: m.instance,
    message: `instance ${m.instance}: in ${m.hours} hour(s) (first ${m.first} UTC) its pods' and tasks' split + unused cost (${m.pods}) differs from its amortized cost (${m.billed}); attribution through its pods splits what was billed by their shares`,
  }));
  if (mismatches.length > MAX_NAMED) {
    warnings.push({ code: "split-mismatch", file: null, message: `${mismatches.length - MAX_NAMED} more instance(s) whose split + unused cost differs from their amortized cost` });
  }
  return warnings;
}
