// The FOCUS mapping (map-focus.ts) as SQL over the raw CSV fields. FOCUS writes nulls as "NULL".
// Tags are the Tags JSON object, keys as written; an object with other than string or null values
// is left to the Node path (which writes such values as JSON text), and so is a list of {key, value}.
import { sql } from "drizzle-orm";
import { cost, numberCharsOnly, numeric, RawFields, type FieldShape, type SqlMapping } from "./sql-fields";
import { SPLIT_NULLS } from "./split-line-columns";

export function focusMapping(header: readonly string[], shape: FieldShape): SqlMapping {
  const fields = new RawFields(header, ["NULL"], shape.trim);
  const f = (column: string) => fields.text(column);
  const account = sql`coalesce(${f("SubAccountId")}, ${f("BillingAccountId")})`;
  const [billed, effective, quantity] = [f("BilledCost"), f("EffectiveCost"), f("ConsumedQuantity")];
  const [category, chargeClass, service] = [f("ChargeCategory"), f("ChargeClass"), f("ServiceName")];
  const tagsText = f("Tags");
  const tags = sql`(case when ${tagsText} is null then null else ${tagsText}::jsonb end)`;
  const tagsValid = sql`(case jsonb_typeof(${tags}) when 'object' then not exists (select 1 from jsonb_each(${tags}) e where jsonb_typeof(e.value) not in ('string', 'null'))
    when 'null' then true else ${tags} is null end)`;
  const checks = [sql`${account} is not null`, sql`${billed} is not null`, sql`${effective} is not null`, numberCharsOnly([billed, effective, quantity]), sql`${service} is not null`, sql`${category} is not null`, tagsValid];
  const amortized = cost(fields.number("EffectiveCost"));
  return {
    fields,
    rowChecks: sql`coalesce((${sql.join(checks, sql` and `)}), false)`,
    usageStart: f("ChargePeriodStart"),
    periodStart: f("BillingPeriodStart"),
    values: {
      account_id: account,
      service,
      region: sql`coalesce(${f("RegionId")}, '')`,
      usage_type: sql`coalesce(${f("x_UsageType")}, ${f("SkuMeter")}, ${f("SkuId")}, '')`,
      record_type: sql`(case when ${chargeClass} is null then ${category} else ${category} || '/' || ${chargeClass} end)`,
      resource_id: f("ResourceId"),
      tags: sql`(case when jsonb_typeof(${tags}) = 'object' then jsonb_strip_nulls(${tags}) else '{}'::jsonb end)`,
      unblended_cost: cost(fields.number("BilledCost")),
      amortized_cost: amortized,
      net_amortized_cost: amortized,
      usage_quantity: numeric(fields.number("ConsumedQuantity")),
      invoice_id: f("InvoiceId"),
      ...SPLIT_NULLS, // FOCUS carries no split cost allocation data
    },
  };
}
