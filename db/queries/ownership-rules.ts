// The rule list (in force, or as of a day) and the audit trail of ownership changes.
import { sql, desc } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { ownershipAudit } from "../schema";

export interface RuleView {
  id: number;
  priority: number;
  kind: "resource" | "tag" | "service" | "account";
  match: string;
  teamId: string;
  teamName: string;
  validFrom: string;
  validTo: string | null;
  source: string;
  versionId: number | null;
}

export async function listRules(db: DbOrTx, options: { asOf?: string; history?: boolean }): Promise<RuleView[]> {
  const inForce = options.history
    ? sql`true`
    : options.asOf
      ? sql`r.valid_from <= ${options.asOf}::date and (r.valid_to is null or ${options.asOf}::date < r.valid_to)`
      : sql`r.valid_to is null`;
  return queryRows<RuleView>(
    db,
    sql`select r.id, r.priority, r.kind::text as kind,
          coalesce(r.tag_value, r.account_id, r.service, r.resource_pattern) as match,
          r.team_id as "teamId", t.name as "teamName", r.valid_from::text as "validFrom", r.valid_to::text as "validTo",
          r.source, r.version_id as "versionId"
        from ownership_rules r join teams t on t.id = r.team_id
        where ${inForce} order by r.priority, r.valid_from, r.id`,
  );
}

export async function listOwnershipAudit(db: DbOrTx, options: { limit: number }) {
  const rows = await db.select().from(ownershipAudit).orderBy(desc(ownershipAudit.id)).limit(options.limit);
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}
