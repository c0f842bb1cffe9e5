// Reservations and Savings Plans as Cost Explorer reports them, stored per sync run (a job_runs id):
// coverage and utilization per period, and AWS's purchase recommendations. The dashboard reads the
// latest successful run; older runs are kept for a while so a plan can be compared with last week's.
import { pgTable, text, date, numeric, integer, bigint, bigserial, jsonb, index } from "drizzle-orm/pg-core";

/** kind: "reservation" (unit hours) or "savings-plan" (unit USD). group_key '' = the period's total. */
export const commitmentCoverage = pgTable(
  "commitment_coverage",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    runId: bigint("run_id", { mode: "number" }).notNull(),
    kind: text("kind").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    groupKey: text("group_key").notNull().default(""),
    covered: numeric("covered").notNull(), // reserved hours, or spend covered by Savings Plans
    onDemand: numeric("on_demand").notNull(), // on-demand hours, or on-demand cost
    coveragePercentage: numeric("coverage_percentage"),
    onDemandCost: numeric("on_demand_cost"),
    unit: text("unit").notNull(),
  },
  (t) => [index("commitment_coverage_run_idx").on(t.runId, t.kind)],
);

/** subscription_id '' = the period's total (reservations), always '' for Savings Plans. */
export const commitmentUtilization = pgTable(
  "commitment_utilization",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    runId: bigint("run_id", { mode: "number" }).notNull(),
    kind: text("kind").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    subscriptionId: text("subscription_id").notNull().default(""),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    utilizationPercentage: numeric("utilization_percentage"),
    purchased: numeric("purchased").notNull(), // hours bought, or commitment in USD
    used: numeric("used").notNull(),
    unused: numeric("unused").notNull(),
    unit: text("unit").notNull(),
    netSavings: numeric("net_savings"),
    amortizedFee: numeric("amortized_fee"),
    onDemandEquivalent: numeric("on_demand_equivalent"),
  },
  (t) => [index("commitment_utilization_run_idx").on(t.runId, t.kind)],
);

/** One recommended purchase (a detail line of AWS's answer) with the request's term, payment and lookback. */
export const commitmentRecommendations = pgTable(
  "commitment_recommendations",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    runId: bigint("run_id", { mode: "number" }).notNull(),
    kind: text("kind").notNull(), // "reserved-instance" | "savings-plan"
    product: text("product").notNull(), // the RI's service, or COMPUTE_SP / EC2_INSTANCE_SP
    termYears: integer("term_years").notNull(),
    paymentOption: text("payment_option").notNull(),
    lookbackDays: integer("lookback_days").notNull(),
    accountScope: text("account_scope").notNull(),
    accountId: text("account_id"),
    region: text("region"),
    subject: text("subject").notNull(), // instance type, instance family, or "all eligible compute"
    quantity: numeric("quantity").notNull(), // instances, or USD per hour
    quantityUnit: text("quantity_unit").notNull(),
    upfrontCost: numeric("upfront_cost"),
    monthlySavings: numeric("monthly_savings"),
    savingsPercentage: numeric("savings_percentage"),
    monthlyOnDemand: numeric("monthly_on_demand"),
    averageUtilization: numeric("average_utilization"),
    breakEvenMonths: numeric("break_even_months"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("commitment_recommendations_run_idx").on(t.runId)],
);
