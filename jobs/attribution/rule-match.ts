// When an ownership rule (alias r) matches a line item (alias li): one definition for attribution
// and for explaining it. `ownerValue` is the line's normalised owner-tag value expression.
import { sql, type SQL } from "drizzle-orm";

export function ruleMatchesLine(r: string, ownerValue: SQL): SQL {
  const rule = (column: string) => sql.raw(`${r}.${column}`);
  return sql`((${rule("kind")} = 'tag' and ${rule("tag_value")} = ${ownerValue})
    or (${rule("kind")} = 'account' and ${rule("account_id")} = li.account_id)
    or (${rule("kind")} = 'service' and ${rule("service")} = li.service)
    or (${rule("kind")} = 'resource' and li.resource_id ~ ${rule("resource_regex")}))`;
}

/** A shared-cost pool (alias p) selects the line by record type, service and account. */
export function poolSelectsLine(p: string): SQL {
  const pool = (column: string) => sql.raw(`${p}.${column}`);
  return sql`((${pool("record_types")} is null or li.record_type = any(${pool("record_types")}))
    and (${pool("services")} is null or li.service = any(${pool("services")}))
    and (${pool("accounts")} is null or li.account_id = any(${pool("accounts")})))`;
}

/** The rule (or pool) is in force on the line's day. */
export const ruleInForce = (r: string) => sql.raw(`${r}.valid_from <= li.day and (${r}.valid_to is null or li.day < ${r}.valid_to)`);
