// The five kinds of business input, each a row schema over the CSV's text cells (the push API
// sends the same fields as JSON), its columns, and its natural key (a re-import upserts by it).
import { z } from "zod";
import { daySchema, monthSchema } from "../../db/period-schema";

export const BUSINESS_KINDS = ["operations", "headcount", "revenue", "vendors", "goals"] as const;
export type BusinessKind = (typeof BUSINESS_KINDS)[number];

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).default("");
const slug = z.string().trim().regex(/^[a-z][a-z0-9_-]{0,63}$/, "lower-case letters, digits, _ or -, starting with a letter");
const day = z.string().trim().pipe(daySchema);
const optionalDay = z
  .string()
  .trim()
  .refine((v) => v === "" || daySchema.safeParse(v).success, "a day, YYYY-MM-DD, or empty")
  .default("");
const month = z.string().trim().pipe(monthSchema);
const amount = z.string().trim().regex(/^-?\d{1,15}(\.\d{1,6})?$/, "a decimal amount like 1234.56");
const nonNegativeAmount = amount.refine((v) => !v.startsWith("-"), "must not be negative");
const wholeNumber = (max: number) =>
  z.string().trim().regex(/^\d{1,15}$/, "a whole number, 0 or more").refine((v) => Number(v) <= max, `at most ${max}`);
const yesNo = z.string().trim().toLowerCase().pipe(z.enum(["yes", "no", "true", "false"], "yes or no")).transform((v) => v === "yes" || v === "true");

/** JSON numbers from the push API are accepted where the CSV has text. */
const cell = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v), schema);

export const businessRowSchemas = {
  operations: z.object({ day: cell(day), product: cell(text(100)), metric: cell(slug), team: cell(optionalText(100)), count: cell(wholeNumber(1e15)) }),
  headcount: z.object({ month: cell(month), team: cell(text(100)), engineers: cell(wholeNumber(1_000_000)) }),
  revenue: z.object({ month: cell(month), revenue_usd: cell(nonNegativeAmount), cash_usd: cell(amount), net_burn_usd: cell(amount) }),
  vendors: z.object({
    name: cell(text(200)),
    monthly_cost_usd: cell(nonNegativeAmount),
    category: cell(text(100)),
    team: cell(text(100)),
    renewal_date: cell(day),
    production: cell(yesNo),
    // The days the contract is in force (end inclusive, empty = until the vendor's next contract or for good):
    // each month's overhead counts only the contracts in force in it.
    start_date: cell(day),
    end_date: cell(optionalDay),
  }).refine((r) => r.end_date === "" || r.end_date >= r.start_date, { path: ["end_date"], message: "must not be before start_date" }),
  goals: z.object({
    metric_key: cell(z.string().trim().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)?$/, "a metric key like unit_cost.searches")),
    target_value: cell(nonNegativeAmount),
    unit_n: cell(wholeNumber(1e12).refine((v) => Number(v) >= 1, "at least 1")).default("1"),
    applies_from: cell(day),
    team: cell(optionalText(100)),
  }),
} as const;

export type BusinessRow<K extends BusinessKind> = z.output<(typeof businessRowSchemas)[K]>;

/** Columns a file must have (optional ones may be left out). A vendors file without start_date is
 *  refused rather than read as "in force for ever": that default is what put today's contracts on
 *  every past month. */
export const requiredColumns: Record<BusinessKind, string[]> = {
  operations: ["day", "product", "metric", "count"],
  headcount: ["month", "team", "engineers"],
  revenue: ["month", "revenue_usd", "cash_usd", "net_burn_usd"],
  vendors: ["name", "monthly_cost_usd", "category", "team", "renewal_date", "production", "start_date"],
  goals: ["metric_key", "target_value", "applies_from"],
};

export const allColumns: Record<BusinessKind, string[]> = Object.fromEntries(
  BUSINESS_KINDS.map((kind) => [kind, Object.keys(businessRowSchemas[kind].shape)]),
) as Record<BusinessKind, string[]>;

/** The natural key of a row as one string, to find duplicates inside one file. */
export function naturalKey(kind: BusinessKind, row: Record<string, unknown>): string {
  const parts: Record<BusinessKind, string[]> = {
    operations: ["day", "product", "metric", "team"],
    headcount: ["month", "team"],
    revenue: ["month"],
    vendors: ["name", "start_date"],
    goals: ["metric_key", "applies_from"],
  };
  return parts[kind].map((column) => String(row[column])).join("\u0000");
}
