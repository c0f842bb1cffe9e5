// Instance lines attributed through their pods leave the ordinary rules (never attributed twice). The
// one scan (attribute-window.ts) groups every billed line and notes whether a group holds split lines;
// only then are the instance-hours their pods cover found (cluster-lines.ts) and those instances' lines
// grouped again the same way, per instance: a table attribute-clusters.ts splits by pods, and groups of
// their own (through_pods) in attribution_lines, whose other groups lose them. A window without split
// lines (most bills) costs nothing more than the scan.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import type { DayWindow } from "../sync/billing-window";
import { instanceLinesJoin, prepareClusterLines } from "./cluster-lines";
import { daysInWindow } from "../sync/days-in-window";

export const POD_INSTANCE_LINES = "pod_instance_lines";

/** `groupLines(lines, perInstance)`: the scan's select over other lines, grouped per instance as well when asked. */
type GroupLines = (lines: SQL, perInstance?: boolean) => SQL;

const KEYS = "source, day, account_id, service, record_type, environment_tag, owner_value, resource_id, owner_keys, fresh_period, invoice_id, owner_tagged";

/** Moves the lines of instances whose pods carry split data out of attribution_lines' ordinary groups; true when there were any. */
export async function separatePodInstanceLines(tx: DbOrTx, window: DayWindow, groupLines: GroupLines): Promise<boolean> {
  const [seen] = await queryRows<{ split: boolean }>(tx, sql`select exists (select 1 from attribution_lines where split_lines) as split`);
  if (!seen?.split || !(await prepareClusterLines(tx, window, true))) return false;
  await tx.execute(sql`
    create temp table ${sql.raw(POD_INSTANCE_LINES)} on commit drop as
    ${groupLines(sql`from cost_line_items li ${instanceLinesJoin} where ${daysInWindow(window, "li")}`, true)}`);
  // The same groups, less the instances' lines (from where the scan put them: OpenCost may have claimed
  // them too, split data wins), plus those lines as groups of their own; a group left with no line goes
  // (a line counts at least once, so only the groups the instances' lines alone made reach zero).
  const amounts = "unblended, amortized, net_amortized, lines";
  const negated = "-unblended, -amortized, -net_amortized, -lines";
  await tx.execute(sql.raw(`
    create temp table attribution_lines_separated on commit drop as
    select ${KEYS}, sum(unblended) as unblended, sum(amortized) as amortized, sum(net_amortized) as net_amortized, sum(lines)::int as lines,
           bool_or(split_lines) as split_lines, through_pods
    from (select ${KEYS}, ${amounts}, split_lines, through_pods from attribution_lines
          union all select ${KEYS}, ${negated}, false, through_pods from ${POD_INSTANCE_LINES}
          union all select ${KEYS}, ${amounts}, false, true from ${POD_INSTANCE_LINES}) l
    group by ${KEYS}, through_pods
    having sum(lines) <> 0 or sum(unblended) <> 0 or sum(amortized) <> 0 or sum(net_amortized) <> 0`));
  await tx.execute(sql`drop table attribution_lines`);
  await tx.execute(sql`alter table attribution_lines_separated rename to attribution_lines`);
  return true;
}
