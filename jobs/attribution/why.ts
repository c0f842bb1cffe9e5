// "Why is this on my team?": for a team's cell (day, and optionally service/account), the rules
// and splits that put each dollar there, with the version that made the rule and a pool's basis.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { ratio } from "../../db/queries/ratio";
import { ownerValueExpression, ruleMatchesLine, ruleInForce, poolSelectsLine } from "./rule-match";
import { billedLineFilter } from "../../db/domain/billed-lines";
import { ownerTagKeysOn } from "../sync/owner-tag-keys";
import { explainClusters } from "./why-clusters";
import { logger } from "../logger";
import { DRILL_DOWN_FACTS, DRILL_DOWN_LIMIT, type DrillDowns, type SampleLine } from "../engines/drill-downs";

const log = logger("why");

export interface WhyCell {
  teamId: string;
  day: string;
  service?: string;
  accountId?: string;
}

/** `drillDowns`: the engine to ask for single lines when the day's rows are a pass's grouped facts. */
export async function explainCell(db: DbOrTx, cell: WhyCell, drillDowns: DrillDowns | null = null) {
  const filters = sql`ac.team_id = ${cell.teamId} and ac.day = ${cell.day}::date
    ${cell.service ? sql`and ac.service = ${cell.service}` : sql``}
    ${cell.accountId ? sql`and ac.account_id = ${cell.accountId}` : sql``}`;
  const decisions = await queryRows<{
    decidedBy: string; ruleId: number | null; ruleKind: string | null; priority: number | null; match: string | null;
    ruleSource: string | null; validFrom: string | null; versionId: number | null; versionActor: string | null; versionAppliedAt: string | null;
    poolId: number | null; poolName: string | null; method: string | null; period: string | null;
    unblended: string; amortized: string; netAmortized: string; accounts: string[]; services: string[];
  }>(
    db,
    sql`select ac.decided_by as "decidedBy", ac.rule_id as "ruleId", r.kind::text as "ruleKind", r.priority,
          coalesce(r.tag_value, r.account_id, r.service, r.resource_pattern) as match, r.source as "ruleSource",
          r.valid_from::text as "validFrom", r.version_id as "versionId", v.actor as "versionActor", to_char(v.applied_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "versionAppliedAt",
          ac.pool_id as "poolId", p.name as "poolName", p.method::text as method, p.period::text as period,
          sum(ac.unblended_cost)::text as unblended, sum(ac.amortized_cost)::text as amortized, sum(ac.net_amortized_cost)::text as "netAmortized",
          array_agg(distinct ac.account_id) as accounts, array_agg(distinct ac.service) as services
        from attributed_costs ac
        left join ownership_rules r on r.id = ac.rule_id
        left join ownership_versions v on v.id = r.version_id
        left join shared_cost_pools p on p.id = ac.pool_id
        where ${filters}
        group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 order by sum(ac.amortized_cost) desc`,
  );
  const withBasis = await Promise.all(decisions.map(async (d) => (d.poolId && d.method === "proportional" ? { ...d, basis: await poolBasis(db, d.poolId, d.period!, cell) } : d)));
  // The lines each deciding rule took: it matches them, no pool takes them first, and no earlier rule matches.
  const ownerValue = ownerValueExpression(await ownerTagKeysOn(db, cell.day));
  const ruleIds = decisions.flatMap((d) => (d.ruleId ? [d.ruleId] : []));
  const taken = ruleIds.length === 0 ? [] : await queryRows<SampleLine & { region: string | null; usageType: string | null; lineCount: number | null }>(
    db,
    sql`select r.id as "ruleId", li.account_id as "accountId", li.service, li.record_type as "recordType", li.resource_id as "resourceId", li.tags,
          li.amortized_cost::text as amortized, li.region, li.usage_type as "usageType", li.line_count as "lineCount"
        from cost_line_items li join ownership_rules r on r.id in (${sql.join(ruleIds.map((id) => sql`${id}`), sql`, `)})
        where li.day = ${cell.day}::date and ${billedLineFilter} and ${ruleMatchesLine("r", ownerValue)}
          and not exists (select 1 from ownership_rules e where e.priority < r.priority and ${ruleInForce("e")} and ${ruleMatchesLine("e", ownerValue)})
          and not exists (select 1 from shared_cost_pools p where p.residue = 0 and ${ruleInForce("p")} and ${poolSelectsLine("p")})
          ${cell.service ? sql`and li.service = ${cell.service}` : sql``}
          ${cell.accountId ? sql`and li.account_id = ${cell.accountId}` : sql``}
        order by li.amortized_cost desc limit ${drillDowns ? DRILL_DOWN_FACTS : DRILL_DOWN_LIMIT}`,
  );
  const { sampleLines, sampleLinesFrom } = await samplesOf(taken, cell.day, drillDowns);
  return { cell, decisions: withBasis, sampleLines, sampleLinesFrom, clusters: await explainClusters(db, cell) };
}

/**
 * The lines the rules took, largest first. Rows a pass wrote as grouped facts (line_count set) stand
 * for many lines: the engine is asked for the lines of those facts when there is one to ask.
 */
async function samplesOf(taken: (SampleLine & { region: string | null; usageType: string | null; lineCount: number | null })[], day: string, drillDowns: DrillDowns | null) {
  const strip = ({ region: _r, usageType: _u, lineCount: _c, ...line }: (typeof taken)[number]): SampleLine => line;
  const facts = taken.some((row) => row.lineCount !== null);
  if (!facts) return { sampleLines: taken.slice(0, DRILL_DOWN_LIMIT).map(strip), sampleLinesFrom: "line items" as const };
  if (!drillDowns) return { sampleLines: taken.slice(0, DRILL_DOWN_LIMIT).map(strip), sampleLinesFrom: "facts" as const };
  try {
    const lines = await drillDowns.factLines(day, taken);
    return { sampleLines: lines.map(({ fact, ...line }) => ({ ruleId: taken[fact]!.ruleId, ...line })), sampleLinesFrom: drillDowns.engine };
  } catch (error) {
    // The explanation stands without single lines: the facts are shown, and the failure logged.
    log.warn({ engine: drillDowns.engine, day, err: { message: (error as Error).message } }, "drill-down failed: sample lines shown as facts");
    return { sampleLines: taken.slice(0, DRILL_DOWN_LIMIT).map(strip), sampleLinesFrom: "facts" as const };
  }
}

/** A proportional pool weighs teams by direct cost over its period: this team's part of that basis. */
async function poolBasis(db: DbOrTx, poolId: number, period: string, cell: WhyCell) {
  // As the engine weighs: that day, or the month through that day.
  const range = period === "day" ? sql`ac.day = ${cell.day}::date` : sql`ac.day >= date_trunc('month', ${cell.day}::timestamp)::date and ac.day <= ${cell.day}::date`;
  const [row] = await queryRows<{ team: string; total: string }>(
    db,
    sql`with per_team as (
          select ac.team_id, sum(ac.amortized_cost) as amount
          from attributed_costs ac, shared_cost_pools p
          where p.id = ${poolId} and ${range} and ac.pool_id is null and ac.team_id <> 'unattributed'
            and (p.team_ids is null or ac.team_id = any(p.team_ids))
          group by 1
        )
        select coalesce(sum(amount) filter (where team_id = ${cell.teamId}), 0)::text as team, coalesce(sum(amount), 0)::text as total
        from per_team where amount > 0`,
  );
  return { period, teamDirectCost: row?.team ?? "0", allTeamsDirectCost: row?.total ?? "0", share: ratio(row?.team ?? "0", row?.total ?? "0") };
}
