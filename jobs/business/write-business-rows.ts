// Upserts validated business rows by their natural key in one transaction: a rerun of the same
// file leaves the same database (invariant I2); a failure leaves it untouched.
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client";
import { headcount, metricGoals, productOperations, revenueMonths, vendors } from "../../db/schema";
import type { BusinessKind, BusinessRow } from "./business-kinds";
import { bumpReadModelVersion } from "../../db/read-model-version";

const BATCH = 1_000;

type Values = Record<string, unknown>;

const toValues: { [K in BusinessKind]: (row: BusinessRow<K>) => Values } = {
  operations: (r) => ({ day: r.day, product: r.product, metric: r.metric, teamId: r.team, count: r.count }),
  headcount: (r) => ({ month: `${r.month}-01`, teamId: r.team, engineers: Number(r.engineers) }),
  revenue: (r) => ({ month: `${r.month}-01`, revenueUsd: r.revenue_usd, cashUsd: r.cash_usd, netBurnUsd: r.net_burn_usd }),
  vendors: (r) => ({ name: r.name, monthlyCostUsd: r.monthly_cost_usd, category: r.category, teamId: r.team, renewalDate: r.renewal_date, production: r.production, startDate: r.start_date, endDate: r.end_date === "" ? null : r.end_date }),
  goals: (r) => ({ metricKey: r.metric_key, targetValue: r.target_value, unitN: Number(r.unit_n), appliesFrom: r.applies_from, teamId: r.team === "" ? null : r.team }),
};

/** Table, key columns and the columns an upsert replaces. */
const targets = {
  operations: { table: productOperations, key: [productOperations.day, productOperations.product, productOperations.metric, productOperations.teamId], update: ["count"] },
  headcount: { table: headcount, key: [headcount.month, headcount.teamId], update: ["engineers"] },
  revenue: { table: revenueMonths, key: [revenueMonths.month], update: ["revenue_usd", "cash_usd", "net_burn_usd"] },
  vendors: { table: vendors, key: [vendors.name, vendors.startDate], update: ["monthly_cost_usd", "category", "team_id", "renewal_date", "production", "end_date"] },
  goals: { table: metricGoals, key: [metricGoals.metricKey, metricGoals.appliesFrom], update: ["target_value", "unit_n", "team_id"] },
} satisfies Record<BusinessKind, { table: PgTable; key: unknown[]; update: string[] }>;

export async function upsertBusinessRows<K extends BusinessKind>(db: DbOrTx, kind: K, rows: readonly BusinessRow<K>[]): Promise<number> {
  const target = targets[kind];
  const values = rows.map((row) => (toValues[kind] as (r: BusinessRow<K>) => Values)(row));
  const set = Object.fromEntries(target.update.map((column) => [snakeToCamel(column), sql.raw(`excluded.${column}`)]));
  await db.transaction(async (tx) => {
    for (let start = 0; start < values.length; start += BATCH) {
      await tx
        .insert(target.table)
        .values(values.slice(start, start + BATCH) as never)
        .onConflictDoUpdate({ target: target.key as never, set: set as never });
    }
    await bumpReadModelVersion(tx);
  });
  return values.length;
}

function snakeToCamel(column: string): string {
  return column.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());
}
