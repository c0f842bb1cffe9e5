// One audit trail over the three tables that record changes: ownership rules (ownership_audit),
// budgets and approvals (budget_audit), and tokens, users and settings (audit_log).
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { auditLog } from "../schema";

export const AUDIT_AREAS = ["ownership", "budgets", "access", "settings"] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

export type AuditEntry = {
  area: AuditArea;
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
};

export async function recordAudit(db: DbOrTx, entry: { actor: string; action: string; subject: string; before?: unknown; after?: unknown }) {
  await db.insert(auditLog).values({ actor: entry.actor, action: entry.action, subject: entry.subject, before: entry.before ?? null, after: entry.after ?? null });
}

/** Newest first; token and user changes are "access", anything else in audit_log is "settings". */
/** `areas` limits the trail to what the reader may see (all areas when left out). */
export async function listAuditTrail(db: DbOrTx, options: { area?: AuditArea; actor?: string; limit: number; areas?: readonly AuditArea[] }): Promise<AuditEntry[]> {
  const areas = options.areas ?? AUDIT_AREAS;
  const rows = await queryRows<{ area: AuditArea; id: number; at: Date | string; actor: string; action: string; subject: string; before: unknown; after: unknown }>(db, sql`
    select * from (
      select 'ownership' as area, id, at, actor, action, coalesce('version ' || version_id, '') as subject, before, after from ownership_audit
      union all
      select 'budgets', id, at, actor, action, team_id || ' ' || to_char(month, 'YYYY-MM'), before, after from budget_audit
      union all
      select case when action like 'token.%' or action like 'user.%' then 'access' else 'settings' end, id, at, actor, action, subject, before, after from audit_log
    ) trail
    where area in (${sql.join(areas.map((a) => sql`${a}`), sql`, `)})
      and (${options.area ?? null}::text is null or area = ${options.area ?? null})
      and (${options.actor ?? null}::text is null or actor = ${options.actor ?? null})
    order by at desc, id desc
    limit ${options.limit}`);
  return rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at).toISOString() }));
}
