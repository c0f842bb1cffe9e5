// The resource-level pass stays inside what Trino (Athena) and DuckDB both accept: its SQL, built for
// every export layout and option, uses only the functions, types and operators on the written list
// (jobs/engines/sql-allow-list.ts); and the checker does catch what is not on it.
import { describe, expect, it } from "vitest";
import { exportLayout } from "../../jobs/engines/export-layout";
import { factsSql, partitionFilter } from "../../jobs/engines/pass-sql";
import { factLinesSql, untaggedResourcesSql } from "../../jobs/engines/drill-down-sql";
import { outsideAllowList } from "../../jobs/engines/sql-allow-list";
import { CUR2_COLUMNS, LEGACY_CUR_COLUMNS, ATHENA_CUR_COLUMNS } from "../../jobs/imports/cur-columns";
import { splitColumnNames } from "../../jobs/imports/split-columns";

const LAYOUTS: Record<string, string[]> = {
  "legacy CUR": [...Object.values(LEGACY_CUR_COLUMNS).filter((c): c is string => c !== null), "resourceTags/user:team", "resourceTags/user:Team", "resourceTags/user:env"],
  "legacy CUR, Athena spelling": [...Object.values(ATHENA_CUR_COLUMNS).filter((c): c is string => c !== null), "resource_tags_user_team", "resource_tags_user_env"],
  "CUR 2.0": [...Object.values(CUR2_COLUMNS).filter((c): c is string => c !== null), "resource_tags", "product"],
  "legacy CUR with split data": [...Object.values(LEGACY_CUR_COLUMNS).filter((c): c is string => c !== null), ...Object.values(splitColumnNames(true)), "resourceTags/user:team", "resourceTags/aws:eks:cluster-name", "resourceTags/user:kubernetes.io/cluster/prod"],
  "CUR 2.0 with split data": [...Object.values(CUR2_COLUMNS).filter((c): c is string => c !== null), ...Object.values(splitColumnNames(false)), "resource_tags", "product"],
  FOCUS: ["BilledCost", "EffectiveCost", "ChargePeriodStart", "BillingPeriodStart", "SubAccountId", "BillingAccountId", "ServiceName", "RegionId", "ChargeCategory", "ChargeClass", "ResourceId", "Tags", "InvoiceId", "x_UsageType", "SkuId"],
};

describe("the pass's SQL uses only the allow-listed functions, types and operators", () => {
  for (const [name, columns] of Object.entries(LAYOUTS)) {
    for (const resourceIds of [false, true]) {
      it(`${name}${resourceIds ? ", with resource ids" : ""}`, () => {
        const input = { from: `"cur_db"."cur_table"`, where: partitionFilter("year-month", "2025-06-01"), layout: exportLayout(columns), tagKeys: ["team", "Team", "env", "aws:eks:cluster-name", "kubernetes.io/cluster/prod"], ownerLikeKeys: ["team", "Team"], resourceIds };
        expect(outsideAllowList(factsSql(input))).toEqual([]);
        expect(outsideAllowList(factsSql({ ...input, where: partitionFilter("billing_period", "2025-06-01") }))).toEqual([]);
        // the drill-downs asked of the engine on demand (drill-downs.ts)
        expect(outsideAllowList(untaggedResourcesSql(input, { from: "2025-05-20", to: "2025-06-30" }, "amortized", 25))).toEqual([]);
        const fact = { accountId: "123456789012", service: "Amazon S3", region: null, usageType: "Requests-Tier1", recordType: "Usage", tags: { team: "it's" } };
        expect(outsideAllowList(factLinesSql(input, "2025-06-02", [fact, { ...fact, tags: {} }], 25))).toEqual([]);
      });
    }
  }
});

it("names what is not on the list: functions, types, operators", () => {
  expect(outsideAllowList(`select date_trunc('month', d), cast(x as double), a::text, b != c, json_extract_scalar(t, '$.a') from "t"`)).toEqual([
    "function date_trunc", "function json_extract_scalar", "operator !", "operator :", "type double",
  ]);
  // names inside quoted identifiers and string literals are data
  expect(outsideAllowList(`select "date_trunc(" , 'cast(x as double)' from t`)).toEqual([]);
  expect(outsideAllowList(`select sum(cast(x as decimal(38,10))) from t`)).toEqual([]);
});
