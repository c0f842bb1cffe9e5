// The import's check of split cost allocation data: per EC2 instance and hour, the pods' (or tasks')
// split cost + unused cost must add up to the instance's amortized cost (docs/clusters.md). AWS
// computes them so; a difference means a partial delivery or a restatement only one side got, and
// attribution through pods would hand out the instance's billed cost by skewed weights. Reported per
// instance, never hidden.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../../db/client";
import { groupedByHashing } from "../../../db/grouped-by-hashing";
import type { QualityWarning } from "../../../db/domain/import-quality-report";
import type { DayWindow } from "../../sync/billing-window";
import { daysInWindow } from "../../sync/days-in-window";
import { inNewBatches } from "./new-lines";

/** Below this (a hundredth of a cent per instance-hour) a difference is the doubles' rounding, not a mismatch. */
export const SPLIT_TOLERANCE = "0.0001";
/** Instances named one by one; the rest are counted in one more warning. */
const MAX_NAMED = 20;

interface Mismatch {
  instance: string;
  hours: number;
  days: number;
  first: string;
  pods: string;
  billed: string;
}

/** Instances whose split lines (among the new batches) do not add up to their amortized cost in some hour. One grouped
 *  scan of the window's lines that carry an hour (split lines and EC2 instance lines), per instance-hour. An engine's
 *  facts carry a day's hours as one (pass-sql.ts factLines): `perDay` says so in the warnings. */
export async function splitMismatchWarnings(tx: DbOrTx, batchIds: number[], window: DayWindow, perDay = false): Promise<QualityWarning[]> {
  if (batchIds.length === 0) return [];
  const mismatches = await groupedByHashing(tx, () =>
    queryRows<Mismatch>(
      tx,
      sql`select instance, count(*)::int as hours, count(distinct day)::int as days, min(day::text || ' ' || lpad(usage_hour::text, 2, '0') || ':00') as first, sum(pods)::text as pods, sum(billed)::text as billed
          from (select li.day, li.usage_hour, coalesce(li.parent_resource_id, li.resource_id) as instance,
                       sum(coalesce(li.split_cost, 0) + coalesce(li.unused_cost, 0)) filter (where li.parent_resource_id is not null and ${inNewBatches(batchIds)}) as pods,
                       coalesce(sum(li.amortized_cost) filter (where li.parent_resource_id is null and li.source = 'cur'), 0) as billed
                from cost_line_items li where ${daysInWindow(window, "li")} and li.usage_hour is not null
                group by 1, 2, 3) hours
          where pods is not null and abs(pods - billed) >= ${SPLIT_TOLERANCE}::numeric
          group by instance order by instance`,
    ),
  );
  const warnings: QualityWarning[] = mismatches.slice(0, MAX_NAMED).map((m) => ({
    code: "split-mismatch",
    file: null,
    instance: m.instance,
    message: `instance ${m.instance}: ${perDay ? `on ${m.days} day(s) (first ${m.first.slice(0, 10)})` : `in ${m.hours} hour(s) (first ${m.first} UTC)`} its pods' and tasks' split + unused cost (${m.pods}) differs from its amortized cost (${m.billed}); attribution through its pods splits what was billed by their shares`,
  }));
  if (mismatches.length > MAX_NAMED) {
    warnings.push({ code: "split-mismatch", file: null, message: `${mismatches.length - MAX_NAMED} more instance(s) whose split + unused cost differs from their amortized cost` });
  }
  return warnings;
}
