// The legacy CUR mapping (map-cur.ts with LEGACY_CUR_COLUMNS) as SQL over the raw CSV fields: the
// same line-item-type amortization rules (amortize-cur.ts) as CASE expressions, and the same
// checks, field by field and only where the Node mapper makes them (a rule's amounts are read only
// for its line item types). Tags from the resourceTags/ columns, keys as written less `user:`.
import { sql, type SQL } from "drizzle-orm";
import { LEGACY_CUR_COLUMNS as C } from "./cur-columns";
import { castable, numberCharsOnly, numeric, RawFields, tagsObject, type FieldShape, type SqlMapping } from "./sql-fields";

const TAG_PREFIX = "resourceTags/";
const NET_COLUMNS = [C.netUnblended, C.netReservationEffective, C.netSavingsPlanEffective, C.netUnusedUpfront, C.netUnusedRecurring];

function legacyTagColumns(fields: RawFields): { key: string; value: SQL }[] {
  return fields.header.flatMap((column) => {
    if (!column.startsWith(TAG_PREFIX)) return [];
    const written = column.slice(TAG_PREFIX.length);
    return [{ key: written.startsWith("user:") ? written.slice("user:".length) : written, value: fields.text(column) }];
  });
}

export function legacyCurMapping(header: readonly string[], shape: FieldShape): SqlMapping {
  const fields = new RawFields(header, [], shape.trim);
  const f = (column: string) => fields.text(column);
  const type = f(C.lineItemType);
  const [unblended, reservation, savingsPlan] = [f(C.unblended), f(C.reservationEffective), f(C.savingsPlanEffective)];
  const [unusedUpfront, unusedRecurring, totalCommitment, usedCommitment] = [f(C.unusedUpfront), f(C.unusedRecurring), f(C.totalCommitment), f(C.usedCommitment)];
  const [netUnblended, netReservation, netSavingsPlan, netUnusedUpfront, netUnusedRecurring] = NET_COLUMNS.map(f) as [SQL, SQL, SQL, SQL, SQL];
  const hasNet = NET_COLUMNS.some((column) => fields.has(column));
  const service = sql`coalesce(${f(C.productName!)}, ${f(C.serviceCode)}, ${f(C.productCode)})`;
  const usage = f(C.usageAmount);
  const account = f(C.account);
  const tagColumns = legacyTagColumns(fields);

  // The numbers the Node mapper reads for this row's line item type (with net columns it also
  // checks each net amount it looks at); the casts below read every one of them, or castable() does.
  const byType = sql`(case ${type} when 'DiscountedUsage' then ${reservation} when 'SavingsPlanCoveredUsage' then ${savingsPlan}
      when 'RIFee' then concat(${unusedUpfront}, ${unusedRecurring}${hasNet ? sql`, ${netUnusedUpfront}, ${netUnusedRecurring}` : sql``})
      when 'SavingsPlanRecurringFee' then concat(${totalCommitment}, ${usedCommitment}) end)`;
  const checks = [
    sql`${type} is not null`,
    sql`${account} is not null`,
    sql`${service} is not null`,
    sql`${unblended} is not null`,
    sql`(case ${type} when 'DiscountedUsage' then ${reservation} is not null when 'SavingsPlanCoveredUsage' then ${savingsPlan} is not null
          when 'SavingsPlanRecurringFee' then ${totalCommitment} is not null else true end)`,
    numberCharsOnly([unblended, usage, byType, ...(hasNet ? [netUnblended, netReservation, netSavingsPlan] : [])]),
    ...(hasNet ? [castable(netReservation), castable(netSavingsPlan)] : []),
  ];

  const amortized = (pick: (gross: SQL, net: SQL) => SQL) => sql`(case ${type}
      when 'DiscountedUsage' then ${numeric(pick(reservation, netReservation))}
      when 'SavingsPlanCoveredUsage' then ${numeric(pick(savingsPlan, netSavingsPlan))}
      when 'SavingsPlanNegation' then 0 when 'SavingsPlanUpfrontFee' then 0
      when 'RIFee' then trim_scale(coalesce(${pick(unusedUpfront, netUnusedUpfront)}, '0')::numeric + coalesce(${pick(unusedRecurring, netUnusedRecurring)}, '0')::numeric)
      when 'SavingsPlanRecurringFee' then trim_scale(${totalCommitment}::numeric - coalesce(${usedCommitment}, '0')::numeric)
      else ${numeric(pick(unblended, netUnblended))} end)`;
  const grossAmortized = amortized((gross) => gross);
  const netFirst = (gross: SQL, net: SQL) => sql`coalesce(${net}, ${gross})`;
  return {
    fields,
    rowChecks: sql`coalesce((${sql.join(checks, sql` and `)}), false)`,
    usageStart: f(C.usageStart),
    periodStart: f(C.billingPeriodStart),
    values: {
      account_id: account,
      service,
      region: sql`coalesce(${f(C.regionCode)}, ${f(C.region!)}, '')`,
      usage_type: sql`coalesce(${f(C.usageType)}, '')`,
      record_type: type,
      resource_id: f(C.resourceId),
      tags: tagsObject(tagColumns, shape.jsonEscapes),
      unblended_cost: numeric(unblended),
      amortized_cost: grossAmortized,
      net_amortized_cost: hasNet ? amortized(netFirst) : grossAmortized,
      usage_quantity: sql`case when ${usage} is null then null else ${numeric(usage)} end`,
    },
    tagKeys: [...new Set(tagColumns.map((column) => column.key))],
  };
}
