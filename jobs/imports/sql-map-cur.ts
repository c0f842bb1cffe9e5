// The CUR mapping (map-cur.ts) as SQL over the raw fields, for every CUR layout: the legacy CUR in
// slash or Athena spelling (tags one column each, tag-columns.ts) and CUR 2.0 (the resource_tags
// and product maps as JSON text). The same line-item-type amortization rules (amortize-cur.ts) as
// CASE expressions, and the same checks, field by field and only where the Node mapper makes them
// (a rule's amounts are read only for its line item types).
import { sql, type SQL } from "drizzle-orm";
import { CUR2_COLUMNS, LEGACY_CUR_COLUMNS, legacyCurColumns, type CurColumns } from "./cur-columns";
import { splitColumnNames, splitValues } from "./split-columns";
import { cost, jsTrim, numberCharsOnly, numeric, RawFields, tagsObject, type FieldShape, type MappingBuilder, type SqlMapping } from "./sql-fields";
import { legacyTagColumns } from "./tag-columns";
import { AWS_TAG_SPELLINGS } from "./aws-tag-keys";

const AWS_SPELLINGS_JSON = JSON.stringify(Object.fromEntries(AWS_TAG_SPELLINGS));

/** How a layout spells its product name and tags. */
interface CurLayout {
  columns: CurColumns;
  productName(fields: RawFields): { value: SQL; checks: SQL[] };
  tags(fields: RawFields, shape: FieldShape): { value: SQL; checks: SQL[]; keys?: string[] };
}

function legacyLayout(header: readonly string[]): CurLayout {
  const columns = legacyCurColumns(header);
  const tagColumns = legacyTagColumns("", header); // collisions were refused with the file's name (map-file.ts resolveFormat)
  return {
    columns,
    productName: (fields) => ({ value: fields.text(columns.productName!), checks: [] }),
    tags: (fields, shape) => ({ value: tagsObject(tagColumns.map(({ column, key }) => ({ key, value: fields.text(column) })), shape.jsonEscapes), checks: [], keys: tagColumns.map((c) => c.key) }),
  };
}

/** A JSON object column, or null; a row whose value is another JSON kind, or holds other than strings and nulls, is the Node path's. */
function jsonObject(text: SQL): { value: SQL; checks: SQL[] } {
  const value = sql`(case when ${text} is null then null else ${text}::jsonb end)`;
  const valid = sql`(case jsonb_typeof(${value}) when 'object' then not exists (select 1 from jsonb_each(${value}) e where jsonb_typeof(e.value) not in ('string', 'null'))
    when 'null' then true else ${value} is null end)`;
  return { value, checks: [valid] };
}

const cur2Layout: CurLayout = {
  columns: CUR2_COLUMNS,
  productName: (fields) => {
    const product = jsonObject(fields.text("product"));
    return { value: sql`nullif(${jsTrim(sql`(${product.value} ->> 'product_name')`)}, '')`, checks: product.checks };
  },
  tags: (fields) => {
    const map = jsonObject(fields.text("resource_tags"));
    // user_team -> team, aws_createdBy -> aws:createdBy, aws_eks_cluster_name -> aws:eks:cluster-name; empty values dropped (map-cur.ts cur2Tags)
    const key = sql`case when left(e.key, 5) = 'user_' then substr(e.key, 6)
      when left(e.key, 4) = 'aws_' then 'aws:' || coalesce(${AWS_SPELLINGS_JSON}::jsonb ->> substr(e.key, 5), substr(e.key, 5)) else e.key end`;
    const value = sql`(case when jsonb_typeof(${map.value}) = 'object' then (select coalesce(jsonb_object_agg(${key}, e.value), '{}'::jsonb)
        from jsonb_each(${map.value}) e where jsonb_typeof(e.value) = 'string' and e.value <> '""'::jsonb) else '{}'::jsonb end)`;
    return { value, checks: map.checks };
  },
};

const NET = ["netUnblended", "netReservationEffective", "netSavingsPlanEffective", "netUnusedUpfront", "netUnusedRecurring"] as const;

function curMapping(layout: CurLayout, header: readonly string[], shape: FieldShape): SqlMapping {
  const C = layout.columns;
  const fields = new RawFields(header, [], shape.trim);
  const f = (column: string) => fields.text(column);
  const n = (column: string) => fields.number(column);
  const type = f(C.lineItemType);
  const [unblended, reservation, savingsPlan] = [f(C.unblended), f(C.reservationEffective), f(C.savingsPlanEffective)];
  const [unusedUpfront, unusedRecurring, totalCommitment, usedCommitment] = [f(C.unusedUpfront), f(C.unusedRecurring), f(C.totalCommitment), f(C.usedCommitment)];
  const [netUnblended, netReservation, netSavingsPlan, netUnusedUpfront, netUnusedRecurring] = NET.map((name) => f(C[name])) as [SQL, SQL, SQL, SQL, SQL];
  const hasNet = NET.some((name) => fields.has(C[name]));
  const product = layout.productName(fields);
  const service = sql`coalesce(${product.value}, ${f(C.serviceCode)}, ${f(C.productCode)})`;
  const usage = f(C.usageAmount);
  const account = f(C.account);
  const reservationPurchase = sql`${f(C.reservationArn)} is not null`;
  const tags = layout.tags(fields, shape);
  const split = splitValues(fields, splitColumnNames(C === LEGACY_CUR_COLUMNS), f(C.resourceId));

  // The numbers the Node mapper reads for this row's line item type (with net columns it also
  // checks each net amount it looks at); every number column is cast (RawFields.number).
  const byType = sql`(case ${type} when 'DiscountedUsage' then ${reservation} when 'SavingsPlanCoveredUsage' then ${savingsPlan}
      when 'RIFee' then concat(${unusedUpfront}, ${unusedRecurring}${hasNet ? sql`, ${netUnusedUpfront}, ${netUnusedRecurring}` : sql``})
      when 'SavingsPlanRecurringFee' then concat(${totalCommitment}, ${usedCommitment}) end)`;
  const checks = [
    sql`${type} is not null`,
    sql`${account} is not null`,
    ...product.checks,
    sql`${service} is not null`,
    sql`${unblended} is not null`,
    sql`(case ${type} when 'DiscountedUsage' then ${reservation} is not null when 'SavingsPlanCoveredUsage' then ${savingsPlan} is not null
          when 'SavingsPlanRecurringFee' then ${totalCommitment} is not null else true end)`,
    numberCharsOnly([unblended, usage, byType, ...(hasNet ? [netUnblended, netReservation, netSavingsPlan] : []), ...split.numbers]),
    ...tags.checks,
  ];

  // `pick` chooses the number of a (gross, net) pair of columns.
  const amortized = (pick: (gross: string, net: string) => SQL) => sql`(case ${type}
      when 'DiscountedUsage' then ${cost(pick(C.reservationEffective, C.netReservationEffective))}
      when 'SavingsPlanCoveredUsage' then ${cost(pick(C.savingsPlanEffective, C.netSavingsPlanEffective))}
      when 'SavingsPlanNegation' then 0 when 'SavingsPlanUpfrontFee' then 0
      when 'Fee' then (case when ${reservationPurchase} then 0 else ${cost(pick(C.unblended, C.netUnblended))} end)
      when 'RIFee' then trim_scale(${cost(sql`coalesce(${pick(C.unusedUpfront, C.netUnusedUpfront)}, 0)`)} + ${cost(sql`coalesce(${pick(C.unusedRecurring, C.netUnusedRecurring)}, 0)`)})
      when 'SavingsPlanRecurringFee' then trim_scale(${cost(n(C.totalCommitment))} - ${cost(sql`coalesce(${n(C.usedCommitment)}, 0)`)})
      else ${cost(pick(C.unblended, C.netUnblended))} end)`;
  const grossAmortized = amortized((gross) => n(gross));
  const netFirst = (gross: string, net: string) => sql`coalesce(${n(net)}, ${n(gross)})`;
  return {
    fields,
    rowChecks: sql`coalesce((${sql.join(checks, sql` and `)}), false)`,
    usageStart: f(C.usageStart),
    periodStart: f(C.billingPeriodStart),
    values: {
      account_id: account,
      service,
      region: sql`coalesce(${f(C.regionCode)}, ${C.region ? f(C.region) : sql`null`}, '')`,
      usage_type: sql`coalesce(${f(C.usageType)}, '')`,
      record_type: type,
      resource_id: f(C.resourceId),
      tags: tags.value,
      unblended_cost: cost(n(C.unblended)),
      amortized_cost: grossAmortized,
      net_amortized_cost: hasNet ? amortized(netFirst) : grossAmortized,
      usage_quantity: numeric(n(C.usageAmount)),
      invoice_id: f(C.invoiceId),
      ...split.values,
    },
    tagKeys: tags.keys,
  };
}

export const legacyCurMapping: MappingBuilder = (header, shape) => curMapping(legacyLayout(header), header, shape);
export const cur2Mapping: MappingBuilder = (header, shape) => curMapping(cur2Layout, header, shape);
