// The rest of what the nudge rules read, each a single query: untagged spend the team's own accounts
// hand it, the Tagging API inventory with owners and cost, commitment coverage rows, budgets, names.
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { addDays, firstOfMonth } from "../calendar";
import { sqlArray } from "./anomaly-series";
import { UNATTRIBUTED_TEAM_ID } from "../schema/org";

export interface UntaggedSpendRow {
  teamId: string;
  accountId: string;
  accountName: string;
  /** Spend over the lookback that only the account's default owner claimed (no owner tag). */
  untagged: string;
  /** The team's whole spend over the lookback. */
  teamTotal: string;
}

export interface ResourceRow {
  arn: string;
  accountId: string;
  service: string;
  teamId: string;
  hasOwnerTag: boolean;
  /** Last seen by a Tagging API sync older than the latest one: gone from the inventory but maybe still billed. */
  stale: boolean;
  lastSeenAt: string;
  /** Cost over the lookback from line items naming the resource; null when no line names it. */
  cost: string | null;
}

export interface CoverageRow {
  teamId: string;
  service: string;
  day: string;
  /** "covered" = RI / Savings Plan covered usage at commitment rates (amortized - unblended); "on-demand" = usage billed at on-demand rates. */
  kind: "covered" | "on-demand";
  amount: string;
}

export interface BudgetRow {
  teamId: string;
  month: string;
  budget: string;
}

/** Spend decided only by the account's default owner (no owner tag), per team and account, with the team's total. */
export async function loadUntaggedSpend(db: DbOrTx, from: string, to: string): Promise<Omit<UntaggedSpendRow, "accountName">[]> {
  return queryRows(
    db,
    sql`with spend as (
          select team_id, account_id, sum(amortized_cost) filter (where decided_by = 'account') as untagged, sum(amortized_cost) as total
          from attributed_costs where day >= ${from}::date and day <= ${to}::date group by 1, 2)
        select s.team_id as "teamId", s.account_id as "accountId", s.untagged::text as untagged,
          (select sum(total) from spend t where t.team_id = s.team_id)::text as "teamTotal"
        from spend s where s.untagged > 0`,
  );
}

/**
 * Resources with their owning team: the first non-empty owner tag that a tag rule maps to a team, else
 * the account's default owner; resources no team owns are left out. Stale = not seen by the latest sync.
 */
export async function loadResourceRows(db: DbOrTx, today: string, lookbackDays: number): Promise<ResourceRow[]> {
  const from = addDays(today, -lookbackDays + 1);
  return queryRows<ResourceRow>(
    db,
    sql`with latest as (select max(last_seen_at) as at from resources),
        owner_value as (
          select r.arn, (select lower(trim(r.tags ->> k.tag_key)) from owner_tag_keys k
                         where coalesce(trim(r.tags ->> k.tag_key), '') <> '' order by k.position limit 1) as value
          from resources r),
        rules as (select * from ownership_rules where valid_from <= ${today}::date and (valid_to is null or valid_to > ${today}::date)),
        owned as (
          select r.*, ov.value is not null as has_owner,
            coalesce((select team_id from rules where kind = 'tag' and tag_value = ov.value order by priority limit 1),
                     (select team_id from rules where kind = 'account' and account_id = r.account_id order by priority limit 1)) as team_id
          from resources r join owner_value ov using (arn)),
        cost as (
          select resource_id, sum(amortized_cost) as amount from cost_line_items
          where day >= ${from}::date and day <= ${today}::date and resource_id in (select arn from owned) group by 1)
        select o.arn, o.account_id as "accountId", o.service, o.team_id as "teamId", o.has_owner as "hasOwnerTag",
          o.last_seen_at < (select at from latest) as stale, o.last_seen_at::text as "lastSeenAt", cost.amount::text as cost
        from owned o left join cost on cost.resource_id = o.arn
        where o.team_id is not null and (o.last_seen_at < (select at from latest) or not o.has_owner)`,
  );
}

/**
 * Covered vs on-demand usage per team x service x day. Cost Explorer folds DiscountedUsage and
 * SavingsPlanCoveredUsage(+Negation) into the usage group, so the split uses the identity that holds
 * for both: on-demand = unblended (covered lines bill 0 net unblended), covered = amortized - unblended.
 */
export async function loadCoverageRows(db: DbOrTx, from: string, to: string, services: string[]): Promise<CoverageRow[]> {
  return queryRows<CoverageRow>(
    db,
    sql`with usage as (
          select team_id, service, day, sum(unblended_cost) as unblended, sum(amortized_cost) as amortized from cost_rollup_daily
          where day >= ${from}::date and day <= ${to}::date and service = any(${sqlArray(services)}) and team_id <> ${UNATTRIBUTED_TEAM_ID}
            and record_type in ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage', 'SavingsPlanNegation')
          group by 1, 2, 3)
        select team_id as "teamId", service, day::text as day, k.kind, greatest(k.amount, 0)::text as amount
        from usage cross join lateral (values ('on-demand', unblended), ('covered', amortized - unblended)) as k(kind, amount)`,
  );
}

export async function loadBudgets(db: DbOrTx, today: string): Promise<BudgetRow[]> {
  return queryRows<BudgetRow>(
    db,
    sql`select team_id as "teamId", to_char(month, 'YYYY-MM') as month, budget_usd::text as budget from team_budgets where month = ${firstOfMonth(today)}::date`,
  );
}

export async function loadNames(db: DbOrTx): Promise<{ teams: Map<string, string>; accounts: Map<string, string> }> {
  const teams = await queryRows<{ id: string; name: string }>(db, sql`select id, name from teams`);
  const accounts = await queryRows<{ id: string; name: string }>(db, sql`select id, name from accounts`);
  return { teams: new Map(teams.map((t) => [t.id, t.name])), accounts: new Map(accounts.map((a) => [a.id, a.name])) };
}
