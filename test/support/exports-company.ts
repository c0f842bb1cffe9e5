// A small company that has only CUR exports (no Cost Explorer): a legacy CUR CSV per billing
// period, October 2026 whole (invoiced) and November open through the 18th, with owner tags in two
// spellings, an untagged resource in an account no team owns, and tax lines; the expected totals
// are summed here with decimal.js, independently of the importer.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import { addDays } from "../../db/calendar";

export const EXPORTS_OWNERSHIP_YAML = `
ownerTagKeys: [team, owner]
orgs:
  - id: engineering
    name: Engineering
    groups:
      - id: core
        name: Core
        teams:
          - { id: payments, name: Payments }
          - { id: search, name: Search }
          - { id: platform, name: Platform }
accounts:
  - { id: "333333333333", owner: platform }
`;

const HEADER = [
  "bill/InvoiceId", "bill/BillingPeriodStartDate", "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate",
  "lineItem/ProductCode", "lineItem/UsageType", "lineItem/ResourceId", "lineItem/UsageAmount", "lineItem/UnblendedCost",
  "product/ProductName", "product/regionCode", "resourceTags/user:team", "resourceTags/user:owner", "resourceTags/user:env",
  "lineItem/LineItemDescription", "pricing/term", // read by no mapping: reported as ignored
];

interface Resource {
  id: string;
  account: string;
  service: string;
  team: string;
  owner: string;
}

export const EXPORT_RESOURCES: Resource[] = [
  { id: "i-0payments01", account: "111111111111", service: "Amazon Elastic Compute Cloud", team: "payments", owner: "" },
  { id: "arn:aws:s3:::search-index", account: "111111111111", service: "Amazon Simple Storage Service", team: "", owner: "search" },
  { id: "i-0untagged01", account: "222222222222", service: "Amazon Elastic Compute Cloud", team: "", owner: "" },
  { id: "db-platform01", account: "333333333333", service: "Amazon Relational Database Service", team: "", owner: "" },
];

export interface GeneratedExports {
  files: string[];
  rows: number;
  firstDay: string;
  lastDay: string;
  total: string;
  /** Unblended total per billing period (YYYY-MM-01) and per invoice id ("" = not invoiced yet). */
  byPeriod: Record<string, string>;
  byInvoice: Record<string, string>;
  /** Spend of lines with neither owner tag (the untagged resource and the tax). */
  withoutOwnerTag: string;
}

const PERIODS = [
  { start: "2026-10-01", lastDay: "2026-10-31", invoice: "EUINGB26-000123" },
  { start: "2026-11-01", lastDay: "2026-11-18", invoice: "" },
];

/** Writes one CSV per period into `dir`; costs vary by day and resource, with six decimal places.
 *  `tagColumns: false` leaves every resourceTags/ column out (an export without tags). */
export function writeCompanyExports(dir: string, options: { tagColumns?: boolean } = {}): GeneratedExports {
  const tagged = options.tagColumns ?? true;
  const keep = (fields: string[]) => fields.filter((_, i) => tagged || !HEADER[i]!.startsWith("resourceTags/"));
  const byPeriod: Record<string, Decimal> = {};
  const byInvoice: Record<string, Decimal> = {};
  let withoutOwnerTag = new Decimal(0);
  let rows = 0;
  const files: string[] = [];
  for (const period of PERIODS) {
    const lines = [keep(HEADER).join(",")];
    const add = (fields: string[], cost: string, ownerTagged: boolean) => {
      lines.push(keep(fields).join(","));
      rows++;
      byPeriod[period.start] = (byPeriod[period.start] ?? new Decimal(0)).plus(cost);
      byInvoice[period.invoice] = (byInvoice[period.invoice] ?? new Decimal(0)).plus(cost);
      if (!ownerTagged || !tagged) withoutOwnerTag = withoutOwnerTag.plus(cost);
    };
    for (let day = period.start; day <= period.lastDay; day = addDays(day, 1)) {
      for (const [r, resource] of EXPORT_RESOURCES.entries()) {
        const cost = new Decimal((Number(day.slice(8)) * 37 + r * 101) % 997).dividedBy(64).plus("0.000125").toFixed(6);
        add(
          [period.invoice, `${period.start}T00:00:00Z`, resource.account, "Usage", `${day}T00:00:00Z`, "Svc", "Usage", resource.id, "24", cost, resource.service, "us-east-1", resource.team, resource.owner, "production", "Usage hours", "OnDemand"],
          cost,
          Boolean(resource.team || resource.owner),
        );
      }
    }
    const tax = "12.345678";
    add([period.invoice, `${period.start}T00:00:00Z`, "111111111111", "Tax", `${period.start}T00:00:00Z`, "Tax", "Tax", "", "", tax, "Tax", "", "", "", "", "Sales tax", ""], tax, false);
    const file = join(dir, `company-cur-${period.start.slice(0, 7)}.csv`);
    writeFileSync(file, lines.join("\n") + "\n");
    files.push(file);
  }
  const text = (sums: Record<string, Decimal>) => Object.fromEntries(Object.entries(sums).map(([key, value]) => [key, value.toFixed()]));
  const total = Object.values(byPeriod).reduce((sum, value) => sum.plus(value), new Decimal(0));
  return { files, rows, firstDay: PERIODS[0]!.start, lastDay: PERIODS.at(-1)!.lastDay, total: total.toFixed(), byPeriod: text(byPeriod), byInvoice: text(byInvoice), withoutOwnerTag: withoutOwnerTag.toFixed() };
}
